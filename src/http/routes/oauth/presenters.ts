/** OAuth entities as Mastodon shapes them: Application, CredentialApplication, Token; and Roost's authorized apps. */
import type { OAuthApplication } from '../../../services/oauth/applications.js';
import type { IssuedToken } from '../../../services/oauth/grants.js';
import type { AuthorizedApp } from '../../../services/oauth/revocation.js';

export function presentApplication(application: OAuthApplication) {
  return {
    id: String(application.id),
    name: application.name,
    website: application.website,
    scopes: application.scopes,
    // Deprecated by Mastodon 4.3 in favour of redirect_uris, still read by older clients.
    redirect_uri: application.redirectUris.join('\n'),
    redirect_uris: application.redirectUris,
    vapid_key: '',
  };
}

export function presentCredentialApplication(application: OAuthApplication, clientSecret: string) {
  return {
    ...presentApplication(application),
    client_id: application.clientId,
    client_secret: clientSecret,
    client_secret_expires_at: 0,
  };
}

export function presentToken(token: IssuedToken) {
  return {
    access_token: token.accessToken,
    token_type: 'Bearer',
    scope: token.scopes.join(' '),
    created_at: Math.floor(token.createdAt / 1000),
    ...(token.refreshToken ? { refresh_token: token.refreshToken } : {}),
  };
}

export function presentAuthorizedApp(app: AuthorizedApp) {
  return {
    id: String(app.id),
    name: app.name,
    website: app.website,
    scopes: app.scopes,
    created_at: new Date(app.createdAt).toISOString(),
    last_used_at: app.lastUsedAt === null ? null : new Date(app.lastUsedAt).toISOString(),
  };
}
