/**
 * Credentials: session cookies for the web app and bearer tokens for scripts, bots and apps.
 * Both are random secrets stored only as hashes; both resolve to a Viewer. Signing in (password
 * or one-time link) and changing a password live here too, because they make and end sessions.
 */
import type { Database } from '../../db/database.js';
import { NotFoundError, UnauthorizedError, ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { hashSecret, newSecret } from '../../domain/tokens.js';
import type { EventBus } from '../../events/bus.js';
import { consumeOneTimeToken, createOneTimeToken } from './one-time-tokens.js';
import { checkPassword, hashPassword, verifyPassword } from './passwords.js';
import { ALL_SCOPES, type Viewer } from './viewer.js';

/** Who a successful sign-in made a session for. */
export interface SignedIn {
  secret: string;
  sessionId: number;
  userId: number;
  accountId: number;
}

export const SIGN_IN_LINK_LIFETIME = 24 * 3600 * 1000;

const SESSION_LIFETIME = 30 * 24 * 3600 * 1000;
/** last_used_at is refreshed at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL = 5 * 60 * 1000;

/** Revokes the tokens apps hold for a person (the OAuth feature), inside the caller's transaction. */
export interface AppTokenRevoker {
  revokeUserTokens(userId: number, db: Database): Promise<void>;
}

export class Credentials {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus | null = null,
    private readonly appTokens: AppTokenRevoker | null = null,
  ) {}

  /** Inside a transaction, pass it as `db` (SQLite has one connection: a query outside it would wait forever). */
  async createSession(
    userId: number,
    userAgent: string,
    db: Database = this.database,
  ): Promise<{ secret: string; id: number }> {
    const secret = newSecret();
    const now = Date.now();
    const id = newId();
    await db.db
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
      .select([
        'sessions.id',
        'sessions.last_used_at',
        'users.id as user_id',
        'users.role',
        'users.account_id',
      ])
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
      await this.database.db
        .updateTable('access_tokens')
        .set({ last_used_at: now })
        .where('id', '=', row.id)
        .execute();
    }
    return {
      userId: row.user_id,
      accountId: row.account_id,
      role: row.role,
      scopes: new Set(row.scopes.split(/\s+/).filter(Boolean)),
      credential: { kind: 'token', id: row.id },
    };
  }

  /**
   * Signs in with a username or email and a password. Unknown logins cost the same argon2 work as
   * known ones, and every failure gives the same answer, so neither reveals who has an account.
   */
  async signIn(login: string, password: string, userAgent: string): Promise<SignedIn> {
    const value = login.trim().toLowerCase();
    const row = await this.database.db
      .selectFrom('users')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select(['users.id', 'users.account_id', 'users.password_hash'])
      .where(value.includes('@') ? 'users.email' : 'accounts.username_lower', '=', value)
      .where('users.disabled_at', 'is', null)
      .where('accounts.suspended_at', 'is', null)
      .executeTakeFirst();
    const ok = await verifyPassword(row?.password_hash ?? null, password);
    if (!row || !ok) throw new UnauthorizedError('Invalid login or password');
    return this.database.transaction(async (tx) => {
      await tx.db
        .updateTable('users')
        .set({ last_sign_in_at: Date.now() })
        .where('id', '=', row.id)
        .execute();
      const session = await this.createSession(row.id, userAgent, tx);
      return { secret: session.secret, sessionId: session.id, userId: row.id, accountId: row.account_id };
    });
  }

  /** Issues a one-time sign-in link secret for a person (the first admin, or `roost users link`). */
  async createSignInLink(
    userId: number,
    lifetime = SIGN_IN_LINK_LIFETIME,
    db: Database = this.database,
  ): Promise<string> {
    return db.transaction(async (tx) => {
      // Only the newest link works: issuing one retires any earlier unused link.
      await tx.db
        .updateTable('one_time_tokens')
        .set({ used_at: Date.now() })
        .where('purpose', '=', 'sign_in')
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
      const { secret } = await createOneTimeToken(tx, { purpose: 'sign_in', userId, lifetime });
      return secret;
    });
  }

  /** Consumes a one-time sign-in link: 404 when unknown or used, 410 when expired. */
  async signInWithLink(token: string, userAgent: string): Promise<SignedIn> {
    return this.database.transaction(async (tx) => {
      const row = await consumeOneTimeToken(tx, token, 'sign_in');
      if (row.user_id === null) throw new NotFoundError('Sign-in link');
      const user = await tx.db
        .selectFrom('users')
        .innerJoin('accounts', 'accounts.id', 'users.account_id')
        .select(['users.id', 'users.account_id'])
        .where('users.id', '=', row.user_id)
        .where('users.disabled_at', 'is', null)
        .where('accounts.suspended_at', 'is', null)
        .executeTakeFirst();
      if (!user) throw new NotFoundError('Sign-in link');
      await tx.db
        .updateTable('users')
        .set({ last_sign_in_at: Date.now() })
        .where('id', '=', user.id)
        .execute();
      const session = await this.createSession(user.id, userAgent, tx);
      return { secret: session.secret, sessionId: session.id, userId: user.id, accountId: user.account_id };
    });
  }

  /**
   * Sets a new password. The current one is required unless the person has none yet (signed in by
   * a one-time link). Every other session ends and every app's token is revoked; personal tokens
   * made with `roost tokens` stay, since scripts hold them and are revoked one by one.
   */
  async changePassword(
    viewer: Viewer,
    currentPassword: string | undefined,
    newPassword: string,
  ): Promise<void> {
    checkPassword(newPassword, 'new_password');
    const user = await this.database.db
      .selectFrom('users')
      .select(['id', 'password_hash'])
      .where('id', '=', viewer.userId)
      .executeTakeFirstOrThrow();
    if (user.password_hash !== null) {
      if (!currentPassword) throw new ValidationError('current_password', 'is required');
      if (!(await verifyPassword(user.password_hash, currentPassword))) {
        throw new ValidationError('current_password', 'is incorrect');
      }
    }
    const passwordHash = await hashPassword(newPassword);
    await this.database.transaction(async (tx) => {
      const now = Date.now();
      await tx.db
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: now })
        .where('id', '=', user.id)
        .execute();
      let end = tx.db.deleteFrom('sessions').where('user_id', '=', user.id);
      if (viewer.credential.kind === 'session') end = end.where('id', '!=', viewer.credential.id);
      await end.execute();
      // Apps were authorized with the old password; they must ask again.
      await this.appTokens?.revokeUserTokens(user.id, tx);
      tx.onCommit(() =>
        this.events?.publish(`user:${viewer.accountId}`, { type: 'session.revoked', userId: user.id }),
      );
    });
  }

  /** A person's bearer tokens that still work, newest first (for `roost tokens list`). */
  async listAccessTokens(
    userId: number,
  ): Promise<
    Array<{ id: number; name: string; scopes: string[]; createdAt: number; lastUsedAt: number | null }>
  > {
    const rows = await this.database.db
      .selectFrom('access_tokens')
      .select(['id', 'name', 'scopes', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', Date.now())]))
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scopes: r.scopes.split(/\s+/).filter(Boolean),
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  /** Revokes one token; false when there is no such working token. Streams opened with it close. */
  async revokeAccessToken(tokenId: number): Promise<boolean> {
    const result = await this.database.db
      .updateTable('access_tokens')
      .set({ revoked_at: Date.now() })
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .returning('user_id')
      .executeTakeFirst();
    if (result) await this.announceRevoked(result.user_id);
    return result !== undefined;
  }

  /** Signs a session out; streams opened with it close. */
  async endSession(sessionId: number): Promise<void> {
    const ended = await this.database.db
      .deleteFrom('sessions')
      .where('id', '=', sessionId)
      .returning('user_id')
      .executeTakeFirst();
    if (ended) await this.announceRevoked(ended.user_id);
  }

  /** Open streams of the person re-check their credentials (and close when theirs no longer works). */
  private async announceRevoked(userId: number): Promise<void> {
    if (!this.events) return;
    const user = await this.database.db
      .selectFrom('users')
      .select('account_id')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (user) this.events.publish(`user:${user.account_id}`, { type: 'session.revoked', userId });
  }

  /** Ends every session of a person but, optionally, one (the one that changed the password). */
  async endOtherSessions(userId: number, keepSessionId: number | null): Promise<void> {
    let query = this.database.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId !== null) query = query.where('id', '!=', keepSessionId);
    await query.execute();
  }
}
