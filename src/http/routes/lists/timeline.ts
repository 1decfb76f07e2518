/** GET /api/v1/timelines/list/:id: posts by the list's members that the viewer may see. */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, toPageRequest } from '../../pagination.js';
import type { App } from '../../types.js';
import { statusPage } from '../timelines/status-page.js';
import { listIdFrom, listIdParams } from './list-params.js';

export function registerListTimeline(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/timelines/list/:id',
    { schema: { params: listIdParams, querystring: pageQuery(20, 40) } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'read:lists');
      const ids = await ctx.services.lists.timeline(
        viewer,
        listIdFrom(request.params),
        toPageRequest(request.query),
      );
      return statusPage(ctx, request, reply, viewer, ids, 'home');
    },
  );
}
