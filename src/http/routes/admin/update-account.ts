/**
 * PATCH /api/roost/v1/accounts/:id (admins): department, title, manager, role and suspension.
 * IDs may be null to clear; a manager must be an active person and must not close a cycle.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { parseId } from '../../../domain/ids.js';
import { ValidationError } from '../../../domain/errors.js';
import { requireAdmin } from '../../auth.js';
import { presentAccount } from '../../presenters/account.js';
import type { App } from '../../types.js';
import { accountIdFrom, accountIdParams } from '../accounts/account-id.js';

const optionalId = z.union([z.string().max(32), z.number(), z.null()]).optional();

const body = z.object({
  department_id: optionalId,
  title: z.string().max(1000).optional(),
  manager_id: optionalId,
  role: z.enum(['admin', 'moderator', 'member']).optional(),
  suspended: z.boolean().optional(),
});

function idOrNull(value: string | number | null | undefined, field: string): number | null | undefined {
  if (value === undefined || value === null) return value;
  const id = parseId(String(value));
  if (id === null) throw new ValidationError(field, 'must be a numeric ID or null');
  return id;
}

export function registerUpdateAccount(app: App, ctx: AppContext): void {
  app.patch('/api/roost/v1/accounts/:id', { schema: { params: accountIdParams, body } }, async (request) => {
    const viewer = requireAdmin(request);
    const id = accountIdFrom(request.params);
    const { department_id, title, manager_id, role, suspended } = request.body;
    await ctx.services.accounts.adminUpdate(id, {
      departmentId: idOrNull(department_id, 'department_id'),
      title,
      managerId: idOrNull(manager_id, 'manager_id'),
      role,
      suspended,
    });
    return presentAccount(await ctx.services.accounts.get(viewer, id), ctx);
  });
}
