/** Answers a page of post IDs: loads them for the viewer, presents them, and sets the Link header. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import { setLinkHeader } from '../../pagination.js';
import { presentStatus } from '../../presenters/status.js';

export async function statusPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  viewer: Viewer,
  ids: number[],
) {
  // Cursors come from the page as read, so a post dropped while loading never shifts the next page.
  setLinkHeader(request, reply, ids, ctx.config.baseUrl);
  const statuses = await ctx.services.posts.hydrate(viewer, ids);
  return statuses.map((status) => presentStatus(status, ctx));
}
