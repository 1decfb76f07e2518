/**
 * The viewer's own collections: GET /api/v1/favourites and /api/v1/bookmarks, newest first,
 * paged by the like or bookmark (not the post), with a Link header, as Mastodon does.
 */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { presentStatus } from '../../presenters/status.js';
import type { App } from '../../types.js';

export function registerCollectionRoutes(app: App, ctx: AppContext): void {
  for (const collection of ['favourites', 'bookmarks'] as const) {
    app.get(
      `/api/v1/${collection}`,
      { schema: { querystring: pageQuery(20, 40) } },
      async (request, reply) => {
        const viewer = requireViewer(request, `read:${collection}`);
        const page = await ctx.services.interactions[collection](viewer, toPageRequest(request.query));
        setLinkHeader(request, reply, page.cursors, ctx.config.baseUrl);
        const statuses = await ctx.services.posts.hydrate(viewer, page.ids);
        return statuses.map((status) => presentStatus(status, ctx));
      },
    );
  }
}
