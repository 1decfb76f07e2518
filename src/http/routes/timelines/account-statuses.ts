/** GET /api/v1/accounts/:id/statuses: one person's posts that the viewer may see; 404 for an unknown account. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, toPageRequest } from '../../pagination.js';
import type { App } from '../../types.js';
import { flag } from './query-params.js';
import { statusPage } from './status-page.js';

const params = z.object({ id: z.string() });
const query = pageQuery(20, 40).extend({
  exclude_replies: flag,
  exclude_reblogs: flag,
  only_media: flag,
  pinned: flag,
  tagged: z.string().max(200).optional(),
});

export function registerAccountStatuses(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/accounts/:id/statuses',
    { schema: { params, querystring: query } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'read:statuses');
      const accountId = parseId(request.params.id);
      if (accountId === null) throw new NotFoundError('Account');
      const q = request.query;
      const ids = await ctx.services.timelines.account(
        viewer,
        accountId,
        {
          excludeReplies: q.exclude_replies,
          excludeReblogs: q.exclude_reblogs,
          onlyMedia: q.only_media,
          pinned: q.pinned,
          tagged: q.tagged ?? null,
        },
        toPageRequest(q),
      );
      return statusPage(ctx, request, reply, viewer, ids, 'account');
    },
  );
}
