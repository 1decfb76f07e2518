/**
 * Likes, reshares and bookmarks: POST /api/v1/statuses/:id/favourite|unfavourite|reblog|unreblog|
 * bookmark|unbookmark → Status (reblog answers the reshare; the others the post acted on), and
 * GET …/favourited_by|reblogged_by → Account[] (paged by the like or reshare, with a Link header).
 */
import type { AppContext } from '../../../context.js';
import type { Interactions } from '../../../services/posts/interactions.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { presentAccountList } from '../../presenters/account.js';
import { presentStatus } from '../../presenters/status.js';
import type { App } from '../../types.js';
import { statusIdFrom, statusIdParams } from './status-params.js';

const ACTIONS = [
  ['favourite', 'write:favourites'],
  ['unfavourite', 'write:favourites'],
  ['reblog', 'write:statuses'],
  ['unreblog', 'write:statuses'],
  ['bookmark', 'write:bookmarks'],
  ['unbookmark', 'write:bookmarks'],
] as const satisfies ReadonlyArray<readonly [keyof Interactions, string]>;

export function registerInteractionRoutes(app: App, ctx: AppContext): void {
  for (const [action, scope] of ACTIONS) {
    app.post(`/api/v1/statuses/:id/${action}`, { schema: { params: statusIdParams } }, async (request) => {
      const viewer = requireViewer(request, scope);
      const status = await ctx.services.interactions[action](viewer, statusIdFrom(request.params));
      return presentStatus(status, ctx);
    });
  }

  for (const list of ['favourited_by', 'reblogged_by'] as const) {
    app.get(
      `/api/v1/statuses/:id/${list}`,
      { schema: { params: statusIdParams, querystring: pageQuery(40, 80) } },
      async (request, reply) => {
        const viewer = requireViewer(request, 'read:accounts');
        const id = statusIdFrom(request.params);
        const page =
          list === 'favourited_by'
            ? await ctx.services.interactions.favouritedBy(viewer, id, toPageRequest(request.query))
            : await ctx.services.interactions.rebloggedBy(viewer, id, toPageRequest(request.query));
        setLinkHeader(request, reply, page.cursors, ctx.config.baseUrl);
        const accounts = await ctx.services.accounts.hydrate(page.ids);
        const shown = page.ids.filter((accountId) => {
          const account = accounts.get(accountId);
          return account !== undefined && ctx.services.accounts.visibleTo(viewer, account);
        });
        return presentAccountList(shown, accounts, ctx);
      },
    );
  }
}
