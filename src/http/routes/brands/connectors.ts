/**
 * A brand's external destinations (owners): GET/POST /api/roost/v1/brands/:id/connectors,
 * PATCH/DELETE …/connectors/:connector_id. Secrets are never answered in full, except a webhook
 * secret Roost generated, once, in `secret` of the creating answer.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentConnector } from '../../presenters/brand.js';
import type { App } from '../../types.js';
import { brandParams, connectorParams, toId } from './params.js';

const settings = z.record(z.string().max(100), z.string().max(2000));
const createBody = z.object({
  kind: z.enum(['webhook', 'mastodon', 'bluesky']),
  name: z.string().max(1000),
  settings,
  secret: z.string().max(4000).optional(),
  max_attempts: z.number().int().optional(),
  enabled: z.boolean().optional(),
});
const updateBody = z.object({
  name: z.string().max(1000).optional(),
  settings: settings.optional(),
  secret: z.string().max(4000).optional(),
  max_attempts: z.number().int().optional(),
  enabled: z.boolean().optional(),
});

export function registerConnectors(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/brands/:id/connectors', { schema: { params: brandParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    return (await ctx.services.connectors.list(viewer, toId(request.params.id))).map(presentConnector);
  });

  app.post(
    '/api/roost/v1/brands/:id/connectors',
    { schema: { params: brandParams, body: createBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const body = request.body;
      const { connector, secret } = await ctx.services.connectors.create(viewer, toId(request.params.id), {
        kind: body.kind,
        name: body.name,
        settings: body.settings,
        secret: body.secret,
        maxAttempts: body.max_attempts,
        enabled: body.enabled,
      });
      return { ...presentConnector(connector), ...(secret ? { secret } : {}) };
    },
  );

  app.patch(
    '/api/roost/v1/brands/:id/connectors/:connector_id',
    { schema: { params: connectorParams, body: updateBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const body = request.body;
      const connector = await ctx.services.connectors.update(
        viewer,
        toId(request.params.id),
        toId(request.params.connector_id, 'connector_id'),
        {
          name: body.name,
          settings: body.settings,
          secret: body.secret,
          maxAttempts: body.max_attempts,
          enabled: body.enabled,
        },
      );
      return presentConnector(connector);
    },
  );

  app.delete(
    '/api/roost/v1/brands/:id/connectors/:connector_id',
    { schema: { params: connectorParams } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'write:statuses');
      await ctx.services.connectors.remove(
        viewer,
        toId(request.params.id),
        toId(request.params.connector_id, 'connector_id'),
      );
      return reply.status(204).send();
    },
  );
}
