/**
 * Pausing publication. GET /api/roost/v1/brands/pause-state (the banner); POST
 * /api/roost/v1/brands/pause and /resume (admins: every brand); POST /api/roost/v1/brands/:id/pause
 * and /resume (owners and admins). Each needs a reason; resuming is always an explicit act.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireAdmin, requireViewer } from '../../auth.js';
import { presentBrand, presentGlobalPause, presentPauseState } from '../../presenters/brand.js';
import type { App } from '../../types.js';
import { brandParams, toId } from './params.js';

const reasonBody = z.object({ reason: z.string().max(2000) });

export function registerPause(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/brands/pause-state', async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    return presentPauseState(await ctx.services.brands.pauseState(viewer));
  });

  app.post('/api/roost/v1/brands/pause', { schema: { body: reasonBody } }, async (request) => {
    const viewer = requireAdmin(request);
    return presentGlobalPause(await ctx.services.brands.pauseAll(viewer, request.body.reason));
  });

  app.post('/api/roost/v1/brands/resume', { schema: { body: reasonBody } }, async (request) => {
    const viewer = requireAdmin(request);
    return presentGlobalPause(await ctx.services.brands.resumeAll(viewer, request.body.reason));
  });

  app.post(
    '/api/roost/v1/brands/:id/pause',
    { schema: { params: brandParams, body: reasonBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const id = toId(request.params.id);
      await ctx.services.brands.pause(viewer, id, request.body.reason);
      return presentBrand(await ctx.services.brands.get(viewer, id));
    },
  );

  app.post(
    '/api/roost/v1/brands/:id/resume',
    { schema: { params: brandParams, body: reasonBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const id = toId(request.params.id);
      await ctx.services.brands.resume(viewer, id, request.body.reason);
      return presentBrand(await ctx.services.brands.get(viewer, id));
    },
  );
}
