/**
 * Posts named by a filter: GET/POST /api/v2/filters/:id/statuses and GET/DELETE
 * /api/v2/filters/statuses/:id. Only posts the viewer may see can be added (404 otherwise).
 */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentFilterStatus } from '../../presenters/filter.js';
import type { App } from '../../types.js';
import { idFrom, idParams, statusIdFrom } from './filter-params.js';

export function registerFilterStatuses(app: App, ctx: AppContext): void {
  app.get('/api/v2/filters/:id/statuses', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:filters');
    return (await ctx.services.filters.statuses(viewer, idFrom(request.params, 'Filter'))).map(
      presentFilterStatus,
    );
  });

  app.post('/api/v2/filters/:id/statuses', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:filters');
    const filterId = idFrom(request.params, 'Filter');
    const status = await ctx.services.filters.addStatus(viewer, filterId, statusIdFrom(request.body));
    return presentFilterStatus(status);
  });

  app.get('/api/v2/filters/statuses/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:filters');
    return presentFilterStatus(
      await ctx.services.filters.status(viewer, idFrom(request.params, 'Filter status')),
    );
  });

  app.delete('/api/v2/filters/statuses/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:filters');
    await ctx.services.filters.removeStatus(viewer, idFrom(request.params, 'Filter status'));
    return {};
  });
}
