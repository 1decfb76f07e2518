/**
 * GET /api/v1/timelines/public: the organization's timeline. `local`, `remote` and `only_media` are
 * Mastodon's; everything here is local and Roost has no media, so `remote` and `only_media` match nothing.
 */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, toPageRequest } from '../../pagination.js';
import type { App } from '../../types.js';
import { flag } from './query-params.js';
import { statusPage } from './status-page.js';

const query = pageQuery(20, 40).extend({ local: flag, remote: flag, only_media: flag });

export function registerOrganizationTimeline(app: App, ctx: AppContext): void {
  app.get('/api/v1/timelines/public', { schema: { querystring: query } }, async (request, reply) => {
    const viewer = requireViewer(request, 'read:statuses');
    const ids =
      request.query.remote || request.query.only_media
        ? []
        : await ctx.services.timelines.organization(viewer, toPageRequest(request.query));
    return statusPage(ctx, request, reply, viewer, ids, 'public');
  });
}
