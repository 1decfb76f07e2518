/**
 * Reading posts: GET /api/v1/statuses/:id, …/context ({ ancestors, descendants }), …/history
 * (every version, StatusEdit[]) and …/source (StatusSource). Hidden posts answer 404.
 */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentStatus } from '../../presenters/status.js';
import { presentStatusEdit, presentStatusSource } from '../../presenters/status-edit.js';
import type { App } from '../../types.js';
import { statusIdFrom, statusIdParams } from './status-params.js';

export function registerReadRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/statuses/:id', { schema: { params: statusIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    return presentStatus(await ctx.services.posts.get(viewer, statusIdFrom(request.params)), ctx);
  });

  app.get('/api/v1/statuses/:id/context', { schema: { params: statusIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    const { ancestors, descendants } = await ctx.services.posts.context(viewer, statusIdFrom(request.params));
    return {
      ancestors: ancestors.map((status) => presentStatus(status, ctx)),
      descendants: descendants.map((status) => presentStatus(status, ctx)),
    };
  });

  app.get('/api/v1/statuses/:id/history', { schema: { params: statusIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    const { status, versions } = await ctx.services.posts.history(viewer, statusIdFrom(request.params));
    return versions.map((version) => presentStatusEdit(version, status, ctx));
  });

  app.get('/api/v1/statuses/:id/source', { schema: { params: statusIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    return presentStatusSource(await ctx.services.posts.source(viewer, statusIdFrom(request.params)));
  });
}
