/**
 * Following: POST /api/v1/accounts/:id/follow|unfollow → Relationship; GET …/relationships?id[]=;
 * GET /api/v1/accounts/:id/followers|following (paginated by follow, with a Link header).
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { presentAccountList } from '../../presenters/account.js';
import { presentRelationship } from '../../presenters/relationship.js';
import type { App } from '../../types.js';
import { accountIdFrom, accountIdParams } from './account-id.js';

const idList = z.union([z.string(), z.array(z.string())]).optional();
// Mastodon clients send `id[]=1&id[]=2`; some send `id=1&id=2`.
const relationshipsQuery = z.object({ 'id[]': idList, id: idList });
const MAX_RELATIONSHIPS = 100;

export function registerFollowRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/accounts/relationships',
    { schema: { querystring: relationshipsQuery } },
    async (request) => {
      const viewer = requireViewer(request, 'read:follows');
      const raw = [request.query['id[]'] ?? [], request.query.id ?? []].flat();
      const ids = raw
        .map((value) => parseId(value))
        .filter((id): id is number => id !== null)
        .slice(0, MAX_RELATIONSHIPS);
      const visible = await ctx.services.accounts.hydrate(ids);
      const shown = ids.filter((id) => {
        const account = visible.get(id);
        return account !== undefined && ctx.services.accounts.visibleTo(viewer, account);
      });
      return (await ctx.services.follows.relationships(viewer.accountId, shown)).map(presentRelationship);
    },
  );

  app.post('/api/v1/accounts/:id/follow', { schema: { params: accountIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:follows');
    return presentRelationship(await ctx.services.follows.follow(viewer, accountIdFrom(request.params)));
  });

  app.post('/api/v1/accounts/:id/unfollow', { schema: { params: accountIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:follows');
    return presentRelationship(await ctx.services.follows.unfollow(viewer, accountIdFrom(request.params)));
  });

  for (const direction of ['followers', 'following'] as const) {
    app.get(
      `/api/v1/accounts/:id/${direction}`,
      { schema: { params: accountIdParams, querystring: pageQuery(40, 80) } },
      async (request, reply) => {
        const viewer = requireViewer(request, 'read:accounts');
        const id = accountIdFrom(request.params);
        const page = await ctx.services.follows[direction](viewer, id, toPageRequest(request.query));
        setLinkHeader(request, reply, page.cursors, ctx.config.baseUrl);
        return presentAccountList(page.accountIds, await ctx.services.accounts.hydrate(page.accountIds), ctx);
      },
    );
  }
}
