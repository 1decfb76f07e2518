/**
 * The moderation queue: GET /api/roost/v1/moderation/queue → Status[] of held posts, oldest
 * first, each with `text` (the source), `roost.moderation` (findings, policy version) and its author; paged forward
 * with `min_id` (the Link header's rel="next"). Moderators and admins only (403 otherwise).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, toPageRequest } from '../../pagination.js';
import { presentStatus } from '../../presenters/status.js';
import type { App } from '../../types.js';

/** Oldest first, so "next" reads newer items: `min_id` of the last one, "prev" `max_id` of the first. */
function setQueueLinks(request: FastifyRequest, reply: FastifyReply, ids: number[], baseUrl: string): void {
  if (ids.length === 0) return;
  const url = new URL(request.url, baseUrl);
  const next = new URL(url);
  next.searchParams.delete('max_id');
  next.searchParams.delete('since_id');
  next.searchParams.set('min_id', String(ids[ids.length - 1]));
  const prev = new URL(url);
  prev.searchParams.delete('min_id');
  prev.searchParams.delete('since_id');
  prev.searchParams.set('max_id', String(ids[0]));
  void reply.header('Link', `<${next.toString()}>; rel="next", <${prev.toString()}>; rel="prev"`);
}

export function registerQueueRoute(app: App, ctx: AppContext): void {
  app.get(
    '/api/roost/v1/moderation/queue',
    { schema: { querystring: pageQuery(20, 80) } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'admin:read');
      const statuses = await ctx.services.moderation.queue(viewer, toPageRequest(request.query));
      setQueueLinks(
        request,
        reply,
        statuses.map((s) => s.id),
        ctx.config.baseUrl,
      );
      // The source text: findings' offsets refer to it, and moderators read what the author wrote.
      return statuses.map((status) => presentStatus(status, ctx, { withSource: true }));
    },
  );
}
