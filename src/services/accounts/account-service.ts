/** People and their profiles: accounts, departments, the directory, and what admins change about people. */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AccountUpdate, UserRole } from '../../db/schema.js';
import { AppError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { checkPassword, hashPassword } from '../auth/passwords.js';
import type { Viewer } from '../auth/viewer.js';
import type { AvatarStore } from './avatar-store.js';
import type { HydratedAccount } from './hydrated-account.js';
import {
  DEPARTMENT_NAME_MAX,
  NOTE_MAX,
  TITLE_MAX,
  checkDisplayName,
  checkLength,
  checkUsername,
  normaliseEmail,
} from './profile-rules.js';
import { isUniqueViolation } from './unique-violation.js';
import type { AppTokenRevoker } from '../auth/credentials.js';

export interface NewPerson {
  username: string;
  email: string;
  /** Null or absent: the person signs in with a one-time link and sets a password then. */
  password?: string | null;
  /** Already hashed (callers inside a transaction hash first, so argon2 does not hold the transaction open). */
  passwordHash?: string;
  role?: UserRole;
  displayName?: string;
  departmentId?: number | null;
  title?: string;
  managerId?: number | null;
}

export interface ProfileChange {
  displayName?: string;
  note?: string;
  title?: string;
  /** The uploaded file's bytes; converted and stored as the new avatar. */
  avatar?: Buffer;
}

export interface AdminChange {
  departmentId?: number | null;
  title?: string;
  managerId?: number | null;
  role?: UserRole;
  suspended?: boolean;
}

export interface DirectoryQuery {
  q?: string;
  departmentId?: number | null;
  offset: number;
  limit: number;
}

export interface PersonUser {
  userId: number;
  accountId: number;
  username: string;
  email: string;
  role: UserRole;
  hasPassword: boolean;
  createdAt: number;
  lastSignInAt: number | null;
}

export const ROLES: readonly UserRole[] = ['admin', 'moderator', 'member'];
/** How far up a management chain the cycle check walks before calling the chain broken. */
const MAX_CHAIN = 1000;

export class Accounts {
  constructor(
    private readonly database: Database,
    readonly avatars: AvatarStore,
    private readonly appTokens: AppTokenRevoker | null = null,
  ) {}

  /** Creates a person (account + user) in one transaction; joins `tx` when given. */
  async createPerson(
    input: NewPerson,
    tx: Database = this.database,
  ): Promise<{ accountId: number; userId: number }> {
    const username = checkUsername(input.username);
    const email = normaliseEmail(input.email);
    const displayName = checkDisplayName(input.displayName ?? '');
    const title = checkLength((input.title ?? '').trim(), TITLE_MAX, 'title');
    const role = input.role ?? 'member';
    if (!ROLES.includes(role)) throw new ValidationError('role', `must be one of ${ROLES.join(', ')}`);
    let passwordHash: string | null = input.passwordHash ?? null;
    if (input.password != null) {
      checkPassword(input.password);
      passwordHash = await hashPassword(input.password);
    }
    try {
      return await tx.transaction(async (t) => {
        await this.assertAvailable(t, username, email);
        if (input.departmentId != null) await this.requireDepartment(t, input.departmentId);
        if (input.managerId != null) await this.requireManager(t, input.managerId);
        const now = Date.now();
        const accountId = newId(now);
        const userId = newId(now);
        await t.db
          .insertInto('accounts')
          .values({
            id: accountId,
            username,
            username_lower: username.toLowerCase(),
            display_name: displayName,
            note: '',
            avatar_file: null,
            department_id: input.departmentId ?? null,
            title,
            manager_id: input.managerId ?? null,
            kind: 'person',
            last_status_at: null,
            created_at: now,
            updated_at: now,
            suspended_at: null,
          })
          .execute();
        await t.db
          .insertInto('users')
          .values({
            id: userId,
            account_id: accountId,
            email,
            password_hash: passwordHash,
            role,
            created_at: now,
            password_changed_at: passwordHash ? now : null,
            last_sign_in_at: null,
            disabled_at: null,
          })
          .execute();
        return { accountId, userId };
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('conflict', 'username or email is already taken', { field: 'username' });
      throw error;
    }
  }

  /** Throws a 409 naming the field when the username or email is taken (case-insensitively). */
  async assertAvailable(db: Database, username: string, email: string | null): Promise<void> {
    const taken = await db.db
      .selectFrom('accounts')
      .select('id')
      .where('username_lower', '=', username.toLowerCase())
      .executeTakeFirst();
    if (taken)
      throw new AppError('conflict', `username: "${username}" is already taken`, { field: 'username' });
    if (email !== null) {
      const used = await db.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (used)
        throw new AppError('conflict', `email: ${email} already belongs to someone`, { field: 'email' });
    }
  }

  /** Loads accounts by id with department and manager; missing ids are absent from the map. */
  async hydrate(ids: number[]): Promise<Map<number, HydratedAccount>> {
    const result = new Map<number, HydratedAccount>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return result;
    const rows = await this.database.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', 'in', unique)
      .execute();
    const departmentIds = [
      ...new Set(rows.map((r) => r.department_id).filter((id): id is number => id !== null)),
    ];
    const managerIds = [...new Set(rows.map((r) => r.manager_id).filter((id): id is number => id !== null))];
    const departments = new Map<number, { id: number; name: string }>();
    if (departmentIds.length > 0) {
      const found = await this.database.db
        .selectFrom('departments')
        .select(['id', 'name'])
        .where('id', 'in', departmentIds)
        .execute();
      for (const d of found) departments.set(d.id, d);
    }
    const managers = new Map<number, { id: number; username: string; display_name: string }>();
    if (managerIds.length > 0) {
      const found = await this.database.db
        .selectFrom('accounts')
        .select(['id', 'username', 'display_name'])
        .where('id', 'in', managerIds)
        .where('suspended_at', 'is', null)
        .execute();
      for (const m of found) managers.set(m.id, m);
    }
    for (const row of rows) {
      result.set(row.id, {
        ...row,
        department: row.department_id !== null ? (departments.get(row.department_id) ?? null) : null,
        manager: row.manager_id !== null ? (managers.get(row.manager_id) ?? null) : null,
      });
    }
    return result;
  }

  /** One account as `viewer` may see it: suspended accounts are hidden from everyone but themselves and admins. */
  async get(viewer: Viewer | null, id: number): Promise<HydratedAccount> {
    const account = (await this.hydrate([id])).get(id);
    if (!account || !this.visibleTo(viewer, account)) throw new NotFoundError('Account');
    return account;
  }

  /** Finds by `username`, `@username` or `username@this-domain`. */
  async lookup(viewer: Viewer | null, acct: string): Promise<HydratedAccount> {
    const username = acct.replace(/^@/, '').split('@')[0] ?? '';
    const row = await this.database.db
      .selectFrom('accounts')
      .select('id')
      .where('username_lower', '=', username.toLowerCase())
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Account');
    return this.get(viewer, row.id);
  }

  visibleTo(viewer: Viewer | null, account: { id: number; suspended_at: number | null }): boolean {
    if (account.suspended_at === null) return true;
    return viewer !== null && (viewer.accountId === account.id || viewer.role === 'admin');
  }

  /** The sign-in side of an account: email, role, whether a password is set. Null for accounts without a login. */
  async userOf(accountId: number): Promise<PersonUser | null> {
    const row = await this.database.db
      .selectFrom('users')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select([
        'users.id',
        'users.account_id',
        'accounts.username',
        'users.email',
        'users.role',
        'users.password_hash',
        'users.created_at',
        'users.last_sign_in_at',
      ])
      .where('users.account_id', '=', accountId)
      .executeTakeFirst();
    return row ? toPersonUser(row) : null;
  }

  /** A person by username (case-insensitive), for the CLI. */
  async personByUsername(username: string): Promise<PersonUser | null> {
    const row = await this.database.db
      .selectFrom('users')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select([
        'users.id',
        'users.account_id',
        'accounts.username',
        'users.email',
        'users.role',
        'users.password_hash',
        'users.created_at',
        'users.last_sign_in_at',
      ])
      .where('accounts.username_lower', '=', username.toLowerCase())
      .executeTakeFirst();
    return row ? toPersonUser(row) : null;
  }

  /** Every person with a login, oldest first (for `roost users list`). */
  async listPeople(): Promise<PersonUser[]> {
    const rows = await this.database.db
      .selectFrom('users')
      .innerJoin('accounts', 'accounts.id', 'users.account_id')
      .select([
        'users.id',
        'users.account_id',
        'accounts.username',
        'users.email',
        'users.role',
        'users.password_hash',
        'users.created_at',
        'users.last_sign_in_at',
      ])
      .orderBy('users.id', 'asc')
      .execute();
    return rows.map(toPersonUser);
  }

  /** Changes the person's own profile; a new avatar replaces the old file only once the change has committed. */
  async updateProfile(accountId: number, change: ProfileChange): Promise<void> {
    const values: AccountUpdate = {};
    if (change.displayName !== undefined) values.display_name = checkDisplayName(change.displayName);
    if (change.note !== undefined) values.note = checkLength(change.note, NOTE_MAX, 'note');
    if (change.title !== undefined) values.title = checkLength(change.title.trim(), TITLE_MAX, 'title');
    const converted = change.avatar ? await this.avatars.convert(change.avatar) : null;
    const newFile = converted ? await this.avatars.save(converted) : null;
    if (newFile) values.avatar_file = newFile;
    try {
      await this.database.transaction(async (tx) => {
        const current = await tx.db
          .selectFrom('accounts')
          .select(['avatar_file'])
          .where('id', '=', accountId)
          .executeTakeFirst();
        if (!current) throw new NotFoundError('Account');
        await tx.db
          .updateTable('accounts')
          .set({ ...values, updated_at: Date.now() })
          .where('id', '=', accountId)
          .execute();
        const old = current.avatar_file;
        if (newFile && old) tx.onCommit(() => this.avatars.remove(old));
      });
    } catch (error) {
      if (newFile) await this.avatars.remove(newFile);
      throw error;
    }
  }

  async listDepartments(): Promise<Array<{ id: number; name: string; memberCount: number }>> {
    const rows = await this.database.db
      .selectFrom('departments')
      .leftJoin('accounts', (join) =>
        join.onRef('accounts.department_id', '=', 'departments.id').on('accounts.suspended_at', 'is', null),
      )
      .select([
        'departments.id',
        'departments.name',
        (eb) => eb.fn.count<number | string>('accounts.id').as('member_count'),
      ])
      .groupBy(['departments.id', 'departments.name'])
      .orderBy('departments.name', 'asc')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, memberCount: Number(r.member_count) }));
  }

  async createDepartment(name: string): Promise<{ id: number; name: string }> {
    const trimmed = name.trim();
    if (trimmed.length === 0) throw new ValidationError('name', 'must not be empty');
    checkLength(trimmed, DEPARTMENT_NAME_MAX, 'name');
    try {
      return await this.database.transaction(async (tx) => {
        const existing = await this.departmentByName(trimmed, tx);
        if (existing)
          throw new AppError('conflict', `name: a department called "${existing.name}" exists`, {
            field: 'name',
          });
        const id = newId();
        await tx.db.insertInto('departments').values({ id, name: trimmed, created_at: Date.now() }).execute();
        return { id, name: trimmed };
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('conflict', `name: a department called "${trimmed}" exists`, { field: 'name' });
      throw error;
    }
  }

  /** Case-insensitive lookup by name. */
  async departmentByName(
    name: string,
    db: Database = this.database,
  ): Promise<{ id: number; name: string } | null> {
    const row = await db.db
      .selectFrom('departments')
      .select(['id', 'name'])
      .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
      .executeTakeFirst();
    return row ?? null;
  }

  /** People (not brands, not suspended) matching `q` in username, display name or title; ids in directory order. */
  async directory(query: DirectoryQuery): Promise<number[]> {
    let select = this.database.db
      .selectFrom('accounts')
      .select('id')
      .where('kind', '=', 'person')
      .where('suspended_at', 'is', null);
    const q = query.q?.trim().toLowerCase();
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      select = select.where((eb) =>
        eb.or([
          sql<boolean>`username_lower like ${pattern} escape '\\'`,
          sql<boolean>`lower(display_name) like ${pattern} escape '\\'`,
          sql<boolean>`lower(title) like ${pattern} escape '\\'`,
        ]),
      );
    }
    if (query.departmentId != null) select = select.where('department_id', '=', query.departmentId);
    const rows = await select
      .orderBy('username_lower', 'asc')
      .offset(query.offset)
      .limit(query.limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** What an admin may change: department, title, manager (no cycles), role, suspension. */
  async adminUpdate(accountId: number, change: AdminChange): Promise<void> {
    await this.database.transaction(async (tx) => {
      const account = await tx.db
        .selectFrom('accounts')
        .select(['id', 'kind'])
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (!account) throw new NotFoundError('Account');
      const values: AccountUpdate = {};
      if (change.departmentId !== undefined) {
        if (change.departmentId !== null) await this.requireDepartment(tx, change.departmentId);
        values.department_id = change.departmentId;
      }
      if (change.title !== undefined) values.title = checkLength(change.title.trim(), TITLE_MAX, 'title');
      if (change.managerId !== undefined) {
        if (change.managerId !== null) {
          await this.requireManager(tx, change.managerId);
          await this.assertNoCycle(tx, accountId, change.managerId);
        }
        values.manager_id = change.managerId;
      }
      if (change.suspended !== undefined) values.suspended_at = change.suspended ? Date.now() : null;
      if (change.role !== undefined || change.suspended === true)
        await this.changeRole(tx, accountId, change);
      if (change.suspended === true) {
        const user = await tx.db
          .selectFrom('users')
          .select('id')
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        if (user) {
          await tx.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
          await this.appTokens?.revokeUserTokens(user.id, tx);
        }
      }
      await tx.db
        .updateTable('accounts')
        .set({ ...values, updated_at: Date.now() })
        .where('id', '=', accountId)
        .execute();
    });
  }

  /** Role changes and suspensions must leave at least one active admin. */
  private async changeRole(tx: Database, accountId: number, change: AdminChange): Promise<void> {
    const user = await tx.db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!user) {
      if (change.role !== undefined) throw new ValidationError('role', 'this account has no login');
      return;
    }
    if (change.role !== undefined && !ROLES.includes(change.role)) {
      throw new ValidationError('role', `must be one of ${ROLES.join(', ')}`);
    }
    const losesAdmin =
      user.role === 'admin' &&
      ((change.role !== undefined && change.role !== 'admin') || change.suspended === true);
    if (losesAdmin) {
      const others = await tx.db
        .selectFrom('users')
        .innerJoin('accounts', 'accounts.id', 'users.account_id')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('users.role', '=', 'admin')
        .where('users.id', '!=', user.id)
        .where('users.disabled_at', 'is', null)
        .where('accounts.suspended_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(others.n) === 0)
        throw new AppError('unprocessable', 'role: the last administrator cannot be demoted or suspended', {
          field: 'role',
        });
    }
    if (change.role !== undefined)
      await tx.db.updateTable('users').set({ role: change.role }).where('id', '=', user.id).execute();
  }

  private async requireDepartment(db: Database, id: number): Promise<void> {
    const found = await db.db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw new ValidationError('department_id', 'names no department');
  }

  private async requireManager(db: Database, id: number): Promise<void> {
    const found = await db.db
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', id)
      .where('kind', '=', 'person')
      .where('suspended_at', 'is', null)
      .executeTakeFirst();
    if (!found) throw new ValidationError('manager_id', 'names no person');
  }

  /** Walks up from the new manager; meeting the account itself means the change would close a loop. */
  private async assertNoCycle(db: Database, accountId: number, managerId: number): Promise<void> {
    let current: number | null = managerId;
    for (let step = 0; current !== null && step < MAX_CHAIN; step++) {
      if (current === accountId) throw new ValidationError('manager_id', 'would make a management cycle');
      const row: { manager_id: number | null } | undefined = await db.db
        .selectFrom('accounts')
        .select('manager_id')
        .where('id', '=', current)
        .executeTakeFirst();
      current = row?.manager_id ?? null;
    }
  }
}

function toPersonUser(row: {
  id: number;
  account_id: number;
  username: string;
  email: string;
  role: UserRole;
  password_hash: string | null;
  created_at: number;
  last_sign_in_at: number | null;
}): PersonUser {
  return {
    userId: row.id,
    accountId: row.account_id,
    username: row.username,
    email: row.email,
    role: row.role,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}
