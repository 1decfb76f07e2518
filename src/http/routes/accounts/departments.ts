/** GET /api/roost/v1/departments (with member counts) and POST (admins) `{ name }`. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireAdmin, requireViewer } from '../../auth.js';
import type { App } from '../../types.js';

const createBody = z.object({ name: z.string().max(1000) });

export function registerDepartments(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/departments', async (request) => {
    requireViewer(request, 'read:accounts');
    const departments = await ctx.services.accounts.listDepartments();
    return departments.map((d) => ({ id: String(d.id), name: d.name, member_count: d.memberCount }));
  });

  app.post('/api/roost/v1/departments', { schema: { body: createBody } }, async (request) => {
    requireAdmin(request);
    const department = await ctx.services.accounts.createDepartment(request.body.name);
    return { id: String(department.id), name: department.name, member_count: 0 };
  });
}
