/**
 * Blocks and mutes: POST /api/v1/accounts/:id/block|unblock|mute|unmute → Relationship;
 * GET /api/v1/blocks and /api/v1/mutes (paginated, Link header). Mute takes `notifications`
 * (default true) and `duration` (seconds; 0 = until unmuted); muted accounts carry `mute_expires_at`.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { presentAccount } from '../../presenters/account.js';
import { presentRelationship } from '../../presenters/relationship.js';
import type { App } from '../../types.js';
import { accountIdFrom, accountIdParams } from '../accounts/account-id.js';
import { formBoolean } from '../statuses/status-params.js';

const muteBody = z
  .object({
    notifications: formBoolean.optional(),
    duration: z.coerce.number().int('must be a whole number of seconds').min(0).optional(),
  })
  .nullish();

export function registerBlocksRoutes(app: App, ctx: AppContext): void {
  const { blocks, follows, accounts } = ctx.services;

  const relationshipAfter = async (viewerAccountId: number, targetId: number) =>
    presentRelationship(await follows.relationship(viewerAccountId, targetId));

  app.post('/api/v1/accounts/:id/block', { schema: { params: accountIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:blocks');
    const target = accountIdFrom(request.params);
    await blocks.block(viewer, target);
    return relationshipAfter(viewer.accountId, target);
  });

  app.post('/api/v1/accounts/:id/unblock', { schema: { params: accountIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:blocks');
    const target = accountIdFrom(request.params);
    await blocks.unblock(viewer, target);
    return relationshipAfter(viewer.accountId, target);
  });

  app.post(
    '/api/v1/accounts/:id/mute',
    { schema: { params: accountIdParams, body: muteBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:mutes');
      const target = accountIdFrom(request.params);
      await blocks.mute(viewer, target, {
        ...(request.body?.notifications !== undefined ? { notifications: request.body.notifications } : {}),
        ...(request.body?.duration !== undefined ? { duration: request.body.duration } : {}),
      });
      return relationshipAfter(viewer.accountId, target);
    },
  );

  app.post('/api/v1/accounts/:id/unmute', { schema: { params: accountIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:mutes');
    const target = accountIdFrom(request.params);
    await blocks.unmute(viewer, target);
    return relationshipAfter(viewer.accountId, target);
  });

  app.get('/api/v1/blocks', { schema: { querystring: pageQuery(40, 80) } }, async (request, reply) => {
    const viewer = requireViewer(request, 'read:blocks');
    const page = await blocks.blocked(viewer, toPageRequest(request.query));
    setLinkHeader(request, reply, page.cursors, ctx.config.baseUrl);
    const hydrated = await accounts.hydrate(page.accountIds);
    return page.accountIds.flatMap((id) => {
      const account = hydrated.get(id);
      return account ? [presentAccount(account, ctx)] : [];
    });
  });

  app.get('/api/v1/mutes', { schema: { querystring: pageQuery(40, 80) } }, async (request, reply) => {
    const viewer = requireViewer(request, 'read:mutes');
    const page = await blocks.muted(viewer, toPageRequest(request.query));
    setLinkHeader(request, reply, page.cursors, ctx.config.baseUrl);
    const hydrated = await accounts.hydrate(page.accountIds);
    return page.accountIds.flatMap((id) => {
      const account = hydrated.get(id);
      const expiresAt = page.expiresAt.get(id) ?? null;
      return account
        ? [
            {
              ...presentAccount(account, ctx),
              mute_expires_at: expiresAt === null ? null : new Date(expiresAt).toISOString(),
            },
          ]
        : [];
    });
  });
}
