/**
 * The OAuth 2 authorization server that lets Mastodon apps and libraries sign people in to Roost:
 * applications, grants and revocation, plus how the HTTP layer resolves the two kinds of tokens an
 * application may present (a person's access token, or an app-only token).
 */
import type { Database } from '../../db/database.js';
import { hashSecret } from '../../domain/tokens.js';
import type { EventBus } from '../../events/bus.js';
import { OAuthApplications, type OAuthApplication } from './applications.js';
import { APP_TOKEN_PREFIX, OAuthGrants } from './grants.js';
import { OAuthRevocation } from './revocation.js';

/** last_used_at is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL = 5 * 60 * 1000;

export class OAuth {
  readonly applications: OAuthApplications;
  readonly grants: OAuthGrants;
  readonly revocation: OAuthRevocation;

  constructor(
    private readonly database: Database,
    events: EventBus | null = null,
  ) {
    this.applications = new OAuthApplications(database);
    this.grants = new OAuthGrants(database);
    this.revocation = new OAuthRevocation(database, events);
  }

  /** Whether a bearer secret looks like an app-only token; the authentication hook then lets the request through without a viewer. */
  isAppToken(secret: string): boolean {
    return secret.startsWith(APP_TOKEN_PREFIX);
  }

  /** The application behind a live app-only (client_credentials) token, or null. */
  async applicationForAppToken(
    secret: string,
  ): Promise<{ application: OAuthApplication; scopes: string[] } | null> {
    if (!this.isAppToken(secret)) return null;
    const row = await this.database.db
      .selectFrom('oauth_app_tokens')
      .select(['id', 'application_id', 'scopes', 'last_used_at'])
      .where('token_hash', '=', hashSecret(secret))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    const now = Date.now();
    if (row.last_used_at === null || now - row.last_used_at > TOUCH_INTERVAL) {
      await this.database.db
        .updateTable('oauth_app_tokens')
        .set({ last_used_at: now })
        .where('id', '=', row.id)
        .execute();
    }
    return {
      application: await this.applications.get(row.application_id),
      scopes: row.scopes.split(' ').filter(Boolean),
    };
  }

  /** The application a person's access token was issued to, or null for personal tokens. */
  async applicationForAccessToken(tokenId: number): Promise<OAuthApplication | null> {
    const row = await this.database.db
      .selectFrom('access_tokens')
      .select('application_id')
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row || row.application_id === null) return null;
    const exists = await this.database.db
      .selectFrom('oauth_applications')
      .select('id')
      .where('id', '=', row.application_id)
      .executeTakeFirst();
    return exists ? this.applications.get(exists.id) : null;
  }

  /** See OAuthRevocation.revokeUserTokens: for the password change and suspension paths. */
  revokeUserTokens(userId: number, db?: Database): Promise<void> {
    return this.revocation.revokeUserTokens(userId, db);
  }
}
