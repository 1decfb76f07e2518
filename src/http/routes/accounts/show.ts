/** GET /api/v1/accounts/:id and /api/v1/accounts/lookup?acct=: one account (suspended ones are 404 to others). */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentAccount } from '../../presenters/account.js';
import type { App } from '../../types.js';
import { accountIdFrom, accountIdParams } from './account-id.js';

const lookupQuery = z.object({ acct: z.string().min(1).max(320) });

export function registerShowAccount(app: App, ctx: AppContext): void {
  app.get('/api/v1/accounts/lookup', { schema: { querystring: lookupQuery } }, async (request) => {
    const viewer = requireViewer(request, 'read:accounts');
    return presentAccount(await ctx.services.accounts.lookup(viewer, request.query.acct), ctx);
  });

  app.get('/api/v1/accounts/:id', { schema: { params: accountIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:accounts');
    return presentAccount(await ctx.services.accounts.get(viewer, accountIdFrom(request.params)), ctx);
  });
}
