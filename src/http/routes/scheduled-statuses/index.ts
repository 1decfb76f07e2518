/**
 * Scheduled statuses: GET /api/v1/scheduled_statuses (paginated), GET/PUT/DELETE
 * /api/v1/scheduled_statuses/:id. Made by POST /api/v1/statuses with `scheduled_at`. Only the
 * author sees theirs; anyone else's answers 404.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { AppError, NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { presentScheduledStatus } from '../../presenters/scheduled-status.js';
import type { App } from '../../types.js';

const idParams = z.object({ id: z.string().max(32) });
const updateBody = z.object({ scheduled_at: z.string().max(64) });

function scheduledIdFrom(params: { id: string }): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError('Scheduled status');
  return id;
}

export function registerScheduledStatusesRoutes(app: App, ctx: AppContext): void {
  const { scheduled } = ctx.services;

  app.get(
    '/api/v1/scheduled_statuses',
    { schema: { querystring: pageQuery(20, 40) } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'read:statuses');
      const list = await scheduled.list(viewer, toPageRequest(request.query));
      setLinkHeader(
        request,
        reply,
        list.map((s) => s.id),
        ctx.config.baseUrl,
      );
      return list.map((s) => presentScheduledStatus(s, ctx));
    },
  );

  app.get('/api/v1/scheduled_statuses/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    return presentScheduledStatus(await scheduled.get(viewer, scheduledIdFrom(request.params)), ctx);
  });

  app.put(
    '/api/v1/scheduled_statuses/:id',
    { schema: { params: idParams, body: updateBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const id = scheduledIdFrom(request.params);
      const time = Date.parse(request.body.scheduled_at);
      if (Number.isNaN(time)) {
        throw new AppError('unprocessable', 'scheduled_at: must be an ISO 8601 date and time', {
          field: 'scheduled_at',
        });
      }
      return presentScheduledStatus(await scheduled.reschedule(viewer, id, time), ctx);
    },
  );

  app.delete('/api/v1/scheduled_statuses/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:statuses');
    await scheduled.cancel(viewer, scheduledIdFrom(request.params));
    return {};
  });
}
