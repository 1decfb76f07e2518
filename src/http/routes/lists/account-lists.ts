/** GET /api/v1/accounts/:id/lists: which of the viewer's lists include that person. */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentList } from '../../presenters/list.js';
import type { App } from '../../types.js';
import { accountIdFrom, accountIdParams } from '../accounts/account-id.js';

export function registerAccountLists(app: App, ctx: AppContext): void {
  app.get('/api/v1/accounts/:id/lists', { schema: { params: accountIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:lists');
    const account = await ctx.services.accounts.get(viewer, accountIdFrom(request.params));
    return (await ctx.services.lists.containing(viewer, account.id)).map(presentList);
  });
}
