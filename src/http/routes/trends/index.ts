/**
 * GET /api/v1/trends/tags, /api/v1/trends/statuses and /api/v1/trends/links (and the old alias
 * GET /api/v1/trends). Mastodon serves trends to anyone; inside an organization they need sign-in.
 * Paged with `limit` and `offset`, as in Mastodon; there are no link previews, so links are empty.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import { presentStatus } from '../../presenters/status.js';
import { presentTag } from '../../presenters/tag.js';
import type { App } from '../../types.js';

function pageQuery(defaultLimit: number, maxLimit: number) {
  return z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .default(defaultLimit)
      .transform((n) => Math.min(n, maxLimit)),
    offset: z.coerce.number().int().min(0).max(10_000).optional().default(0),
  });
}

const tagsQuery = pageQuery(10, 20);
const statusesQuery = pageQuery(20, 40);

/** Mastodon pages trends by offset: the next page starts where this one ended. */
function setOffsetLink(
  request: { url: string },
  reply: { header(name: string, value: string): unknown },
  baseUrl: string,
  query: { limit: number; offset: number },
  count: number,
): void {
  if (count < query.limit) return;
  const next = new URL(request.url, baseUrl);
  next.searchParams.set('offset', String(query.offset + count));
  reply.header('Link', `<${next.toString()}>; rel="next"`);
}

export function registerTrendsRoutes(app: App, ctx: AppContext): void {
  for (const path of ['/api/v1/trends/tags', '/api/v1/trends']) {
    app.get(path, { schema: { querystring: tagsQuery } }, async (request, reply) => {
      const viewer = requireViewer(request);
      const trending = await ctx.services.trends.tags(request.query);
      setOffsetLink(request, reply, ctx.config.baseUrl, request.query, trending.length);
      const views = await Promise.all(
        trending.map(async (tag) => {
          try {
            return await ctx.services.tags.get(viewer.accountId, tag.name);
          } catch (error) {
            if (error instanceof NotFoundError) return null;
            throw error;
          }
        }),
      );
      return views.flatMap((view) => (view ? [presentTag(view, ctx)] : []));
    });
  }

  app.get('/api/v1/trends/statuses', { schema: { querystring: statusesQuery } }, async (request, reply) => {
    const viewer = requireViewer(request, 'read:statuses');
    const ids = await ctx.services.trends.statusIds(request.query);
    setOffsetLink(request, reply, ctx.config.baseUrl, request.query, ids.length);
    return (await ctx.services.posts.hydrate(viewer, ids)).map((status) => presentStatus(status, ctx));
  });

  app.get('/api/v1/trends/links', { schema: { querystring: pageQuery(10, 20) } }, async (request) => {
    requireViewer(request);
    return [];
  });
}
