/** GET /api/roost/v1/auth/session: who is signed in (the web app asks this first), or 401. */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';
import { credentialAccount } from './credential-account.js';

export function registerSession(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/auth/session', async (request) => {
    const viewer = requireViewer(request);
    return { account: await credentialAccount(ctx, viewer.accountId) };
  });
}
