/**
 * Credentials: session cookies for the web app and bearer tokens for scripts, bots and apps.
 * Both are random secrets stored only as hashes; both resolve to a Viewer.
 */
import type { Database } from '../../db/database.js';
import { newId } from '../../domain/ids.js';
import { hashSecret, newSecret } from '../../domain/tokens.js';
import { ALL_SCOPES, type Viewer } from './viewer.js';

const SESSION_LIFETIME = 30 * 24 * 3600 * 1000;
/** last_used_at is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL = 5 * 60 * 1000;

export class Credentials {
  constructor(private readonly database: Database) {}

  async createSession(userId: number, userAgent: string): Promise<{ secret: string; id: number }> {
    const secret = newSecret();
    const now = Date.now();
    const id = newId();
    await this.database.db
      .insertInto('sessions')
      .values({
        id,
        user_id: userId,
        token_hash: hashSecret(secret),
        user_agent: userAgent.slice(0, 300),
        created_at: now,
        last_used_at: now,
        expires_at: now + SESSION_LIFETIME,
      })
      .execute();
    return { secret, id };
  }

  async createAccessToken(
    userId: number,
    options: { scopes: string[]; name?: string; applicationId?: number | null; expiresAt?: number | null },
  ): Promise<{ secret: string; id: number }> {
    const secret = newSecret('roost_');
    const id = newId();
    await this.database.db
      .insertInto('access_tokens')
      .values({
        id,
        user_id: userId,
        token_hash: hashSecret(secret),
        name: options.name ?? '',
        scopes: options.scopes.join(' '),
        application_id: options.applicationId ?? null,
        created_at: Date.now(),
        last_used_at: null,
        revoked_at: null,
        expires_at: options.expiresAt ?? null,
      })
      .execute();
    return { secret, id };
  }

  async viewerFromSession(secret: string): Promise<Viewer | null> {
    const now = Date.now();
    const row = await this.database.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select(['sessions.id', 'sessions.last_used_at', 'users.id as user_id', 'users.role', 'users.account_id'])
      .where('sessions.token_hash', '=', hashSecret(secret))
      .where('sessions.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .where('accounts.suspended_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    if (now - row.last_used_at > TOUCH_INTERVAL) {
      await this.database.db
        .updateTable('sessions')
        .set({ last_used_at: now, expires_at: now + SESSION_LIFETIME })
        .where('id', '=', row.id)
        .execute();
    }
    return {
      userId: row.user_id,
      accountId: row.account_id,
      role: row.role,
      scopes: new Set(ALL_SCOPES),
      credential: { kind: 'session', id: row.id },
    };
  }

  async viewerFromToken(secret: string): Promise<Viewer | null> {
    const now = Date.now();
    const row = await this.database.db
      .selectFrom('access_tokens')
      .innerJoin('users', 'users.id', 'access_tokens.user_id')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select([
        'access_tokens.id',
        'access_tokens.scopes',
        'access_tokens.last_used_at',
        'access_tokens.expires_at',
        'users.id as user_id',
        'users.role',
        'users.account_id',
      ])
      .where('access_tokens.token_hash', '=', hashSecret(secret))
      .where('access_tokens.revoked_at', 'is', null)
      .where('users.disabled_at', 'is', null)
      .where('accounts.suspended_at', 'is', null)
      .executeTakeFirst();
    if (!row || (row.expires_at !== null && row.expires_at <= now)) return null;
    if (row.last_used_at === null || now - row.last_used_at > TOUCH_INTERVAL) {
      await this.database.db.updateTable('access_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return {
      userId: row.user_id,
      accountId: row.account_id,
      role: row.role,
      scopes: new Set(row.scopes.split(/\s+/).filter(Boolean)),
      credential: { kind: 'token', id: row.id },
    };
  }

  async endSession(sessionId: number): Promise<void> {
    await this.database.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  /** Ends every session of a person but, optionally, one (the one that changed the password). */
  async endOtherSessions(userId: number, keepSessionId: number | null): Promise<void> {
    let query = this.database.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId !== null) query = query.where('id', '!=', keepSessionId);
    await query.execute();
  }
}
