/**
 * GET /api/v1/notifications (`types[]`, `exclude_types[]`, `account_id`, cursors) and
 * GET /api/v1/notifications/unread_count → `{ count }` (newer than the notifications marker).
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { storedNotificationTypes } from '../../presenters/notification.js';
import type { App } from '../../types.js';
import { listParam, listValues } from '../timelines/query-params.js';
import { presentNotifications } from './present.js';

const idCursor = z.string().regex(/^\d{1,16}$/, 'must be a numeric ID');
const listQuery = pageQuery(40, 80).extend({
  ...listParam('types'),
  ...listParam('exclude_types'),
  account_id: idCursor.optional(),
});
const countQuery = z.object({
  ...listParam('types'),
  ...listParam('exclude_types'),
  limit: z.string().optional(),
});

function typeFilter(query: Record<string, unknown>) {
  const types = listValues(query, 'types');
  return {
    // Asking only for types Roost never produces must match nothing, not everything.
    types: types.length > 0 ? storedNotificationTypes(types) : [],
    onlyUnknownTypes: types.length > 0 && storedNotificationTypes(types).length === 0,
    excludeTypes: storedNotificationTypes(listValues(query, 'exclude_types')),
  };
}

export function registerNotificationList(app: App, ctx: AppContext): void {
  app.get('/api/v1/notifications', { schema: { querystring: listQuery } }, async (request, reply) => {
    const viewer = requireViewer(request, 'read:notifications');
    const { types, excludeTypes, onlyUnknownTypes } = typeFilter(request.query);
    const rows = onlyUnknownTypes
      ? []
      : await ctx.services.notifications.list(
          viewer,
          { types, excludeTypes, fromAccountId: parseId(request.query.account_id) },
          toPageRequest(request.query),
        );
    setLinkHeader(
      request,
      reply,
      rows.map((n) => n.id),
      ctx.config.baseUrl,
    );
    return presentNotifications(ctx, viewer, rows);
  });

  app.get('/api/v1/notifications/unread_count', { schema: { querystring: countQuery } }, async (request) => {
    const viewer = requireViewer(request, 'read:notifications');
    const { types, excludeTypes, onlyUnknownTypes } = typeFilter(request.query);
    const count = onlyUnknownTypes
      ? 0
      : await ctx.services.notifications.unreadCount(viewer, { types, excludeTypes, fromAccountId: null });
    return { count };
  });
}
