/** GET /api/v1/timelines/tag/:hashtag: organization posts with a hashtag; `any[]`, `all[]`, `none[]` refine it. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, toPageRequest } from '../../pagination.js';
import type { App } from '../../types.js';
import { flag, listParam, listValues } from './query-params.js';
import { statusPage } from './status-page.js';

const params = z.object({ hashtag: z.string().min(1).max(200) });
const query = pageQuery(20, 40).extend({
  ...listParam('any'),
  ...listParam('all'),
  ...listParam('none'),
  local: flag,
  remote: flag,
  only_media: flag,
});

export function registerTagTimeline(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/timelines/tag/:hashtag',
    { schema: { params, querystring: query } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'read:statuses');
      const q = request.query;
      const ids =
        q.remote || q.only_media
          ? []
          : await ctx.services.timelines.tag(
              viewer,
              request.params.hashtag,
              { any: listValues(q, 'any'), all: listValues(q, 'all'), none: listValues(q, 'none') },
              toPageRequest(q),
            );
      return statusPage(ctx, request, reply, viewer, ids, 'public');
    },
  );
}
