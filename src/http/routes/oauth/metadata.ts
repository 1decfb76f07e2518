/** GET /.well-known/oauth-authorization-server: RFC 8414 metadata, in the shape Mastodon 4.3 serves it. */
import type { AppContext } from '../../../context.js';
import { SCOPES_SUPPORTED } from '../../../services/oauth/scopes.js';
import type { App } from '../../types.js';

export function registerMetadataRoute(app: App, ctx: AppContext): void {
  app.get('/.well-known/oauth-authorization-server', async () => {
    const base = ctx.config.baseUrl;
    return {
      issuer: `${base}/`,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      revocation_endpoint: `${base}/oauth/revoke`,
      app_registration_endpoint: `${base}/api/v1/apps`,
      scopes_supported: SCOPES_SUPPORTED,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    };
  });
}
