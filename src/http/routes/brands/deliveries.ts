/**
 * GET /api/roost/v1/brands/:id/deliveries?state= (each destination's delivery, dead letters
 * included) and POST …/deliveries/:delivery_id/retry (owners: a failed or dead delivery again,
 * with the same idempotency key).
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentDelivery } from '../../presenters/draft.js';
import type { App } from '../../types.js';
import { brandParams, deliveryParams, toId } from './params.js';

const listQuery = z.object({
  state: z
    .enum(['pending', 'paused', 'in_flight', 'retrying', 'delivered', 'failed', 'dead', 'cancelled'])
    .optional(),
});

export function registerDeliveries(app: App, ctx: AppContext): void {
  app.get(
    '/api/roost/v1/brands/:id/deliveries',
    { schema: { params: brandParams, querystring: listQuery } },
    async (request) => {
      const viewer = requireViewer(request, 'read:statuses');
      const deliveries = await ctx.services.outbox.list(
        viewer,
        toId(request.params.id),
        request.query.state ?? null,
      );
      return deliveries.map(presentDelivery);
    },
  );

  app.post(
    '/api/roost/v1/brands/:id/deliveries/:delivery_id/retry',
    { schema: { params: deliveryParams } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const delivery = await ctx.services.outbox.retry(
        viewer,
        toId(request.params.id),
        toId(request.params.delivery_id, 'delivery_id'),
      );
      return presentDelivery(delivery);
    },
  );
}
