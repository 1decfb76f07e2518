/**
 * POST /api/roost/v1/brands (admins), GET /api/roost/v1/brands (mine; `all=true` for admins),
 * GET /api/roost/v1/brands/:id (404 to those who may not see it), PATCH /api/roost/v1/brands/:id.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireAdmin, requireViewer } from '../../auth.js';
import { presentBrand } from '../../presenters/brand.js';
import type { App } from '../../types.js';
import { brandParams, idValue, toId } from './params.js';

const createBody = z.object({
  username: z.string().max(100),
  display_name: z.string().max(1000),
  colour: z.string().max(20).optional(),
  external: z.boolean().optional(),
  undo_window_seconds: z.number().int().optional(),
  owner_ids: z.array(idValue).max(50).optional(),
});

const updateBody = z.object({
  display_name: z.string().max(1000).optional(),
  colour: z.string().max(20).optional(),
  external: z.boolean().optional(),
  undo_window_seconds: z.number().int().optional(),
  require_two_factor: z.boolean().optional(),
  reason: z.string().max(2000).optional(),
});

const listQuery = z.object({ all: z.enum(['true', 'false']).optional() });

export function registerBrandResources(app: App, ctx: AppContext): void {
  app.post('/api/roost/v1/brands', { schema: { body: createBody } }, async (request) => {
    const viewer = requireAdmin(request);
    const body = request.body;
    const brand = await ctx.services.brands.create(viewer, {
      username: body.username,
      displayName: body.display_name,
      colour: body.colour,
      external: body.external,
      undoWindowSeconds: body.undo_window_seconds,
      ownerIds: (body.owner_ids ?? []).map((id, i) => toId(id, `owner_ids.${i}`)),
    });
    return presentBrand(await ctx.services.brands.get(viewer, brand.id));
  });

  app.get('/api/roost/v1/brands', { schema: { querystring: listQuery } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    const brands = await ctx.services.brands.list(viewer, { all: request.query.all === 'true' });
    return brands.map(presentBrand);
  });

  app.get('/api/roost/v1/brands/:id', { schema: { params: brandParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    return presentBrand(await ctx.services.brands.get(viewer, toId(request.params.id)));
  });

  app.patch(
    '/api/roost/v1/brands/:id',
    { schema: { params: brandParams, body: updateBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const id = toId(request.params.id);
      const body = request.body;
      await ctx.services.brands.update(viewer, id, {
        displayName: body.display_name,
        colour: body.colour,
        external: body.external,
        undoWindowSeconds: body.undo_window_seconds,
        requireTwoFactor: body.require_two_factor,
        reason: body.reason,
      });
      return presentBrand(await ctx.services.brands.get(viewer, id));
    },
  );
}
