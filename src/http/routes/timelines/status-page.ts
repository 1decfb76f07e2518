/** Answers a page of post IDs: loads them for the viewer, presents them, and sets the Link header. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import type { FilterContext } from '../../../services/filters/matcher.js';
import { setLinkHeader } from '../../pagination.js';
import { presentStatus } from '../../presenters/status.js';

export async function statusPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  ids: number[],
  context: FilterContext,
) {
  // Cursors come from the page as read, so a post dropped while loading never shifts the next page.
  setLinkHeader(request, reply, ids, ctx.config.baseUrl);
  const [statuses, filters] = await Promise.all([
    ctx.services.posts.hydrate(viewer, ids),
    ctx.services.filters.matchFor(viewer.accountId, context),
  ]);
  return (
    statuses
      .map((status) => presentStatus(status, ctx, { filters }))
      // As Mastodon 4: a post matching a filter that hides is left out; one that warns carries `filtered`.
      .filter((status) => !status.filtered.some((result) => result.filter.filter_action === 'hide'))
  );
}
