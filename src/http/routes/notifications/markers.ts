/**
 * GET /api/v1/markers?timeline[]=home&timeline[]=notifications and POST /api/v1/markers, with JSON
 * `{ notifications: { last_read_id } }` or the form `notifications[last_read_id]=…`.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { ValidationError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import type { MarkerTimeline } from '../../../services/markers/marker-service.js';
import { requireViewer } from '../../auth.js';
import { presentMarkers } from '../../presenters/marker.js';
import type { App } from '../../types.js';
import { listParam, listValues } from '../timelines/query-params.js';

const TIMELINES: MarkerTimeline[] = ['home', 'notifications'];
const getQuery = z.object(listParam('timeline'));
const position = z.object({ last_read_id: z.union([z.string(), z.number()]) }).optional();
const body = z
  .object({
    home: position,
    notifications: position,
    'home[last_read_id]': z.string().optional(),
    'notifications[last_read_id]': z.string().optional(),
  })
  .optional();

export function registerMarkers(app: App, ctx: AppContext): void {
  app.get('/api/v1/markers', { schema: { querystring: getQuery } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    const wanted = listValues(request.query, 'timeline').filter((t): t is MarkerTimeline =>
      (TIMELINES as string[]).includes(t),
    );
    return presentMarkers(await ctx.services.markers.get(viewer.accountId, wanted));
  });

  app.post('/api/v1/markers', { schema: { body } }, async (request) => {
    const viewer = requireViewer(request, 'write:statuses');
    const input = request.body ?? {};
    const positions: Partial<Record<MarkerTimeline, number>> = {};
    for (const timeline of TIMELINES) {
      const raw = input[timeline]?.last_read_id ?? input[`${timeline}[last_read_id]`];
      if (raw === undefined) continue;
      const id = parseId(String(raw));
      if (id === null) throw new ValidationError(`${timeline}.last_read_id`, 'must be a numeric ID');
      positions[timeline] = id;
    }
    if (Object.keys(positions).length === 0) {
      throw new ValidationError(
        'notifications.last_read_id',
        'give home or notifications with a last_read_id',
      );
    }
    return presentMarkers(await ctx.services.markers.save(viewer.accountId, positions));
  });
}
