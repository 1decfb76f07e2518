/**
 * Invites: an admin creates a one-time link for an email address and a role; whoever holds the
 * link may look at it and accept it once, which creates the person and signs them in.
 */
import type { Database } from '../../db/database.js';
import type { UserRole } from '../../db/schema.js';
import { AppError, ValidationError } from '../../domain/errors.js';
import { ROLES, type Accounts } from '../accounts/account-service.js';
import { normaliseEmail } from '../accounts/profile-rules.js';
import type { Credentials, SignedIn } from './credentials.js';
import { consumeOneTimeToken, createOneTimeToken, findOneTimeToken } from './one-time-tokens.js';
import { checkPassword, hashPassword } from './passwords.js';

export const INVITE_LIFETIME = 7 * 24 * 3600 * 1000;

export interface Invite {
  id: number;
  email: string;
  role: UserRole;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface Acceptance {
  username: string;
  displayName?: string;
  password: string;
}

export class Invites {
  constructor(
    private readonly database: Database,
    private readonly accounts: Accounts,
    private readonly credentials: Credentials,
  ) {}

  /** Returns the invite and its secret; only the secret's hash is kept. */
  async create(
    createdByUserId: number,
    input: { email: string; role?: UserRole },
  ): Promise<Invite & { secret: string }> {
    const email = normaliseEmail(input.email);
    const role = input.role ?? 'member';
    if (!ROLES.includes(role)) throw new ValidationError('role', `must be one of ${ROLES.join(', ')}`);
    return this.database.transaction(async (tx) => {
      const used = await tx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (used)
        throw new AppError('conflict', `email: ${email} already belongs to someone`, { field: 'email' });
      const token = await createOneTimeToken(tx, {
        purpose: 'invite',
        lifetime: INVITE_LIFETIME,
        email,
        role,
        createdBy: createdByUserId,
      });
      return {
        id: token.id,
        secret: token.secret,
        email,
        role,
        createdAt: Date.now(),
        expiresAt: token.expiresAt,
        usedAt: null,
      };
    });
  }

  /** Every invite, newest first. */
  async list(): Promise<Invite[]> {
    const rows = await this.database.db
      .selectFrom('one_time_tokens')
      .select(['id', 'email', 'role', 'created_at', 'expires_at', 'used_at'])
      .where('purpose', '=', 'invite')
      .orderBy('id', 'desc')
      .limit(500)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      email: r.email ?? '',
      role: r.role ?? 'member',
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      usedAt: r.used_at,
    }));
  }

  /** What the link offers: 404 when unknown or used, 410 when expired. */
  async inspect(secret: string): Promise<Invite> {
    const row = await findOneTimeToken(this.database, secret, 'invite');
    return {
      id: row.id,
      email: row.email ?? '',
      role: row.role ?? 'member',
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
    };
  }

  /** Creates the invited person and a session for them, consuming the invite, all in one transaction. */
  async accept(secret: string, input: Acceptance, userAgent: string): Promise<SignedIn> {
    checkPassword(input.password);
    // Fail on a bad link before spending argon2 time on the password.
    await findOneTimeToken(this.database, secret, 'invite');
    const passwordHash = await hashPassword(input.password);
    return this.database.transaction(async (tx) => {
      const invite = await consumeOneTimeToken(tx, secret, 'invite');
      const { accountId, userId } = await this.accounts.createPerson(
        {
          username: input.username,
          email: invite.email ?? '',
          passwordHash,
          role: invite.role ?? 'member',
          displayName: input.displayName ?? '',
        },
        tx,
      );
      await tx.db
        .updateTable('users')
        .set({ last_sign_in_at: Date.now() })
        .where('id', '=', userId)
        .execute();
      const session = await this.credentials.createSession(userId, userAgent, tx);
      return { secret: session.secret, sessionId: session.id, userId, accountId };
    });
  }
}
