/**
 * Ending what was granted: a client revoking one of its tokens (RFC 7009), a person listing and
 * revoking the applications they authorized, and revoking everything applications hold for a person
 * (after a password change or a suspension).
 */
import type { Database } from '../../db/database.js';
import { NotFoundError } from '../../domain/errors.js';
import { hashSecret } from '../../domain/tokens.js';
import type { EventBus } from '../../events/bus.js';
import type { OAuthApplication } from './applications.js';
import { OAuthError } from './errors.js';
import { revokeAccessTokens, revokeGrant, revokeUserApplicationTokens } from './token-rows.js';

/** An application a person authorized, with what its live tokens allow. */
export interface AuthorizedApp {
  id: number;
  name: string;
  website: string | null;
  scopes: string[];
  createdAt: number;
  lastUsedAt: number | null;
}

export class OAuthRevocation {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus | null = null,
  ) {}

  /**
   * Revokes an access, refresh or app token the client holds. Unknown tokens are not an error
   * (RFC 7009 §2.2); another client's token is refused.
   */
  async revokeToken(client: OAuthApplication, token: string | undefined): Promise<void> {
    if (!token) throw new OAuthError('invalid_request', 'The token parameter is missing.');
    const hash = hashSecret(token);
    const notYours = new OAuthError('unauthorized_client', 'You are not authorized to revoke this token');
    const userId = await this.database.transaction(async (tx) => {
      const now = Date.now();
      const access = await tx.db
        .selectFrom('access_tokens')
        .select(['id', 'application_id', 'user_id'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (access) {
        if (access.application_id !== client.id) throw notYours;
        await revokeAccessTokens(tx, [access.id], now);
        await tx.db
          .updateTable('oauth_refresh_tokens')
          .set({ revoked_at: now })
          .where('access_token_id', '=', access.id)
          .where('revoked_at', 'is', null)
          .execute();
        return access.user_id;
      }
      const refresh = await tx.db
        .selectFrom('oauth_refresh_tokens')
        .select(['application_id', 'grant_id', 'user_id'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (refresh) {
        if (refresh.application_id !== client.id) throw notYours;
        await revokeGrant(tx, refresh.grant_id, now);
        return refresh.user_id;
      }
      const app = await tx.db
        .selectFrom('oauth_app_tokens')
        .select(['id', 'application_id'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (app) {
        if (app.application_id !== client.id) throw notYours;
        await tx.db
          .updateTable('oauth_app_tokens')
          .set({ revoked_at: now })
          .where('id', '=', app.id)
          .where('revoked_at', 'is', null)
          .execute();
      }
      return null;
    });
    if (userId !== null) await this.announce(userId);
  }

  /** The applications holding a live token of the person, most recently authorized first. */
  async authorizedApps(userId: number): Promise<AuthorizedApp[]> {
    const rows = await this.database.db
      .selectFrom('access_tokens')
      .innerJoin('oauth_applications', 'oauth_applications.id', 'access_tokens.application_id')
      .select([
        'oauth_applications.id',
        'oauth_applications.name',
        'oauth_applications.website',
        'access_tokens.scopes',
        'access_tokens.created_at',
        'access_tokens.last_used_at',
      ])
      .where('access_tokens.user_id', '=', userId)
      .where('access_tokens.revoked_at', 'is', null)
      .orderBy('access_tokens.created_at', 'asc')
      .execute();
    const apps = new Map<number, AuthorizedApp>();
    for (const row of rows) {
      const app = apps.get(row.id) ?? {
        id: row.id,
        name: row.name,
        website: row.website,
        scopes: [],
        createdAt: row.created_at,
        lastUsedAt: null,
      };
      app.scopes = [...new Set([...app.scopes, ...row.scopes.split(' ').filter(Boolean)])];
      if (row.last_used_at !== null && (app.lastUsedAt === null || row.last_used_at > app.lastUsedAt))
        app.lastUsedAt = row.last_used_at;
      apps.set(row.id, app);
    }
    return [...apps.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Takes back what one application holds for the person; 404 when it holds nothing. */
  async revokeAuthorization(userId: number, applicationId: number): Promise<void> {
    const revoked = await this.database.transaction((tx) =>
      revokeUserApplicationTokens(tx, userId, applicationId, Date.now()),
    );
    if (revoked === 0) throw new NotFoundError('Authorized application');
    await this.announce(userId);
  }

  /**
   * Revokes every token and pending code applications hold for a person. Personal tokens made with
   * `roost tokens` are kept. Pass the caller's transaction to make it part of a larger change.
   */
  async revokeUserTokens(userId: number, db: Database = this.database): Promise<void> {
    await db.transaction(async (tx) => {
      await revokeUserApplicationTokens(tx, userId, null, Date.now());
      tx.onCommit(() => this.announce(userId));
    });
  }

  /** Open streams of the person re-check their credentials. */
  private async announce(userId: number): Promise<void> {
    if (!this.events) return;
    const user = await this.database.db
      .selectFrom('users')
      .select('account_id')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (user) this.events.publish(`user:${user.account_id}`, { type: 'session.revoked', userId });
  }
}
