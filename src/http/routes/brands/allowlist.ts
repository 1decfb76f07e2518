/**
 * The outbound allow-list (admins): GET/POST /api/roost/v1/admin/outbound_allowlist `{ host }`
 * (a host name, IP address or CIDR range that connectors may reach although it is private or
 * loopback), DELETE …/:id.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireAdmin } from '../../auth.js';
import { presentAllowlistEntry } from '../../presenters/brand.js';
import type { App } from '../../types.js';
import { brandParams, toId } from './params.js';

const body = z.object({ host: z.string().max(300) });

export function registerAllowlist(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/admin/outbound_allowlist', async (request) => {
    requireAdmin(request, 'admin:read');
    return (await ctx.services.outboundAllowlist.list()).map(presentAllowlistEntry);
  });

  app.post('/api/roost/v1/admin/outbound_allowlist', { schema: { body } }, async (request) => {
    const viewer = requireAdmin(request);
    return presentAllowlistEntry(await ctx.services.outboundAllowlist.add(viewer, request.body.host));
  });

  app.delete(
    '/api/roost/v1/admin/outbound_allowlist/:id',
    { schema: { params: brandParams } },
    async (request, reply) => {
      const viewer = requireAdmin(request);
      await ctx.services.outboundAllowlist.remove(viewer, toId(request.params.id));
      return reply.status(204).send();
    },
  );
}
