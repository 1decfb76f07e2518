/**
 * Hashtags: GET /api/v1/tags/:name (404 when unknown), POST …/follow|unfollow → Tag, and
 * GET /api/v1/followed_tags (paged by the follow, with a Link header).
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { presentTag } from '../../presenters/tag.js';
import type { App } from '../../types.js';

const tagParams = z.object({ name: z.string().max(200) });

export function registerTagsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/tags/:name', { schema: { params: tagParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    return presentTag(await ctx.services.tags.get(viewer.accountId, request.params.name), ctx);
  });

  app.post('/api/v1/tags/:name/follow', { schema: { params: tagParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:follows');
    return presentTag(await ctx.services.tags.follow(viewer.accountId, request.params.name), ctx);
  });

  app.post('/api/v1/tags/:name/unfollow', { schema: { params: tagParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:follows');
    return presentTag(await ctx.services.tags.unfollow(viewer.accountId, request.params.name), ctx);
  });

  app.get(
    '/api/v1/followed_tags',
    { schema: { querystring: pageQuery(100, 200) } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'read:follows');
      const page = await ctx.services.tags.followed(viewer.accountId, toPageRequest(request.query));
      setLinkHeader(request, reply, page.cursors, ctx.config.baseUrl);
      return page.tags.map((tag) => presentTag(tag, ctx));
    },
  );
}
