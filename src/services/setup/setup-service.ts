/**
 * First-run setup: on an empty database, the first admin and a one-time sign-in link for them.
 * Until that admin has signed in or set a password, every start issues a fresh link (an earlier
 * one may have scrolled away in the log); afterwards start-up says nothing.
 */
import type { Database } from '../../db/database.js';
import type { Accounts } from '../accounts/account-service.js';
import { isUniqueViolation } from '../accounts/unique-violation.js';
import { AppError } from '../../domain/errors.js';
import type { Credentials } from '../auth/credentials.js';

export const FIRST_ADMIN = { username: 'admin', email: 'admin@localhost' } as const;

export class Setup {
  constructor(
    private readonly database: Database,
    private readonly accounts: Accounts,
    private readonly credentials: Credentials,
  ) {}

  /** Lines to print at start-up; on an empty database, creates the first admin and a one-time sign-in link. */
  async firstRunMessages(baseUrl: string): Promise<string[]> {
    const userId = await this.adminAwaitingFirstSignIn();
    if (userId === null) return [];
    const secret = await this.credentials.createSignInLink(userId);
    const link = `${baseUrl.replace(/\/+$/, '')}/sign-in/link/${secret}`;
    return [`First start: sign in as the first admin with this one-time link (valid 24 hours): ${link}`];
  }

  /** The user id of the admin who still needs a link, creating the first admin on an empty database. */
  private async adminAwaitingFirstSignIn(): Promise<number | null> {
    const anyUser = await this.database.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (!anyUser) {
      try {
        const { userId } = await this.accounts.createPerson({
          username: FIRST_ADMIN.username,
          email: FIRST_ADMIN.email,
          role: 'admin',
          displayName: 'Administrator',
        });
        return userId;
      } catch (error) {
        // Another process starting at the same moment created the admin first.
        if (!(error instanceof AppError && error.code === 'conflict') && !isUniqueViolation(error))
          throw error;
      }
    }
    const admins = await this.database.db
      .selectFrom('users')
      .select(['id', 'password_hash', 'last_sign_in_at'])
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .orderBy('id', 'asc')
      .execute();
    if (admins.some((a) => a.password_hash !== null || a.last_sign_in_at !== null)) return null;
    return admins[0]?.id ?? null;
  }
}
