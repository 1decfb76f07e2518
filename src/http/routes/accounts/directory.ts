/** GET /api/roost/v1/directory?q=&department_id=&limit=&offset=: people, by name, username or title. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { parseId } from '../../../domain/ids.js';
import { ValidationError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import { presentAccountList } from '../../presenters/account.js';
import type { App } from '../../types.js';

const query = z.object({
  q: z.string().max(100).optional(),
  department_id: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(80).optional().default(40),
  offset: z.coerce.number().int().min(0).max(100_000).optional().default(0),
});

export function registerDirectory(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/directory', { schema: { querystring: query } }, async (request) => {
    requireViewer(request, 'read:accounts');
    const { q, department_id, limit, offset } = request.query;
    let departmentId: number | null = null;
    if (department_id) {
      departmentId = parseId(department_id);
      if (departmentId === null) throw new ValidationError('department_id', 'must be a numeric ID');
    }
    const ids = await ctx.services.accounts.directory({ q, departmentId, limit, offset });
    return presentAccountList(ids, await ctx.services.accounts.hydrate(ids), ctx);
  });
}
