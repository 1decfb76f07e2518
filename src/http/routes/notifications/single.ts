/**
 * GET /api/v1/notifications/:id, POST /api/v1/notifications/:id/dismiss and
 * POST /api/v1/notifications/clear. Somebody else's notification answers 404.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';
import { presentNotifications } from './present.js';

const params = z.object({ id: z.string() });

function notificationId(raw: string): number {
  const id = parseId(raw);
  if (id === null) throw new NotFoundError('Notification');
  return id;
}

export function registerSingleNotification(app: App, ctx: AppContext): void {
  app.get('/api/v1/notifications/:id', { schema: { params } }, async (request) => {
    const viewer = requireViewer(request, 'read:notifications');
    const row = await ctx.services.notifications.get(viewer, notificationId(request.params.id));
    const [presented] = await presentNotifications(ctx, viewer, [row]);
    if (!presented) throw new NotFoundError('Notification');
    return presented;
  });

  app.post('/api/v1/notifications/:id/dismiss', { schema: { params } }, async (request) => {
    const viewer = requireViewer(request, 'write:notifications');
    await ctx.services.notifications.dismiss(viewer, notificationId(request.params.id));
    return {};
  });

  app.post('/api/v1/notifications/clear', async (request) => {
    const viewer = requireViewer(request, 'write:notifications');
    await ctx.services.notifications.clear(viewer);
    return {};
  });
}
