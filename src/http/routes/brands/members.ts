/**
 * GET /api/roost/v1/brands/:id/members; PUT /api/roost/v1/brands/:id/members/:account_id
 * `{ roles: [...] }` sets a person's roles (owners and admins); DELETE removes them.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { BRAND_ROLES } from '../../../domain/brands/roles.js';
import { requireViewer } from '../../auth.js';
import { presentMember } from '../../presenters/brand.js';
import type { App } from '../../types.js';
import { brandParams, memberParams, toId } from './params.js';

const rolesBody = z.object({ roles: z.array(z.enum(BRAND_ROLES)).max(4) });

export function registerMembers(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/brands/:id/members', { schema: { params: brandParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    const members = await ctx.services.brands.members(viewer, toId(request.params.id));
    const accounts = await ctx.services.accounts.hydrate(members.map((m) => m.accountId));
    return members.map((m) => presentMember(m, accounts.get(m.accountId), ctx));
  });

  app.put(
    '/api/roost/v1/brands/:id/members/:account_id',
    { schema: { params: memberParams, body: rolesBody } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'write:statuses');
      const accountId = toId(request.params.account_id, 'account_id');
      const member = await ctx.services.brands.setRoles(
        viewer,
        toId(request.params.id),
        accountId,
        request.body.roles,
      );
      if (!member) return reply.status(204).send();
      const accounts = await ctx.services.accounts.hydrate([accountId]);
      return presentMember(member, accounts.get(accountId), ctx);
    },
  );

  app.delete(
    '/api/roost/v1/brands/:id/members/:account_id',
    { schema: { params: memberParams } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'write:statuses');
      await ctx.services.brands.setRoles(
        viewer,
        toId(request.params.id),
        toId(request.params.account_id, 'account_id'),
        [],
      );
      return reply.status(204).send();
    },
  );
}
