/** GET /api/v1/accounts/verify_credentials: the signed-in person's own CredentialAccount. */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';
import { credentialAccount } from '../auth/credential-account.js';

export function registerVerifyCredentials(app: App, ctx: AppContext): void {
  app.get('/api/v1/accounts/verify_credentials', async (request) => {
    const viewer = requireViewer(request, ['profile', 'read:accounts']);
    return credentialAccount(ctx, viewer.accountId);
  });
}
