/** GET /api/v1/timelines/home: the viewer's home feed (followed people and tags, mentions, own posts). */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, toPageRequest } from '../../pagination.js';
import type { App } from '../../types.js';
import { statusPage } from './status-page.js';

export function registerHomeTimeline(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/timelines/home',
    { schema: { querystring: pageQuery(20, 40) } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'read:statuses');
      const exclusive = await ctx.services.lists.exclusiveMemberIds(viewer.accountId);
      const ids = await ctx.services.timelines.home(viewer, toPageRequest(request.query), exclusive);
      return statusPage(ctx, request, reply, viewer, ids, 'home');
    },
  );
}
