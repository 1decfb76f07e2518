/**
 * GET, POST and DELETE /api/v1/lists/:id/accounts: who is in a list. Only people the viewer follows
 * can be added (anyone else answers 404, as in Mastodon). `limit=0` lists every member.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import { setLinkHeader } from '../../pagination.js';
import { presentAccountList } from '../../presenters/account.js';
import type { App } from '../../types.js';
import { accountIdsFrom, listIdFrom, listIdParams } from './list-params.js';

const cursor = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a numeric ID')
  .optional();
const membersQuery = z.object({
  max_id: cursor,
  since_id: cursor,
  min_id: cursor,
  limit: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .default(40)
    .transform((n) => Math.min(n, 80)),
});

export function registerListMembers(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/lists/:id/accounts',
    { schema: { params: listIdParams, querystring: membersQuery } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'read:lists');
      const q = request.query;
      const page = await ctx.services.lists.members(viewer, listIdFrom(request.params), {
        maxId: parseId(q.max_id),
        sinceId: parseId(q.since_id),
        minId: parseId(q.min_id),
        limit: q.limit,
      });
      if (q.limit > 0) setLinkHeader(request, reply, page.cursors, ctx.config.baseUrl);
      return presentAccountList(page.accountIds, await ctx.services.accounts.hydrate(page.accountIds), ctx);
    },
  );

  app.post('/api/v1/lists/:id/accounts', { schema: { params: listIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:lists');
    const id = listIdFrom(request.params);
    await ctx.services.lists.addMembers(viewer, id, accountIdsFrom(request.body, request.query));
    return {};
  });

  app.delete('/api/v1/lists/:id/accounts', { schema: { params: listIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:lists');
    const id = listIdFrom(request.params);
    await ctx.services.lists.removeMembers(viewer, id, accountIdsFrom(request.body, request.query));
    return {};
  });
}
