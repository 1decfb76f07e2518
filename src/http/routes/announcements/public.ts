/**
 * GET /api/v1/announcements (active ones, with the viewer's read mark and reactions),
 * POST /api/v1/announcements/:id/dismiss, PUT/DELETE /api/v1/announcements/:id/reactions/:name.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentAnnouncement } from '../../presenters/announcement.js';
import type { App } from '../../types.js';
import { announcementIdFrom, announcementParams } from './announcement-id.js';

const reactionParams = announcementParams.extend({ name: z.string().max(100) });

export function registerAnnouncements(app: App, ctx: AppContext): void {
  app.get('/api/v1/announcements', async (request) => {
    // Mastodon asks only for a user token here, whatever its scopes.
    const viewer = requireViewer(request);
    return (await ctx.services.announcements.active(viewer)).map((a) => presentAnnouncement(a, ctx));
  });

  app.post(
    '/api/v1/announcements/:id/dismiss',
    { schema: { params: announcementParams } },
    async (request) => {
      const viewer = requireViewer(request, 'write:accounts');
      await ctx.services.announcements.dismiss(viewer, announcementIdFrom(request.params));
      return {};
    },
  );

  app.put(
    '/api/v1/announcements/:id/reactions/:name',
    { schema: { params: reactionParams } },
    async (request) => {
      const viewer = requireViewer(request, 'write:favourites');
      await ctx.services.announcements.react(viewer, announcementIdFrom(request.params), request.params.name);
      return {};
    },
  );

  app.delete(
    '/api/v1/announcements/:id/reactions/:name',
    { schema: { params: reactionParams } },
    async (request) => {
      const viewer = requireViewer(request, 'write:favourites');
      await ctx.services.announcements.unreact(
        viewer,
        announcementIdFrom(request.params),
        request.params.name,
      );
      return {};
    },
  );
}
