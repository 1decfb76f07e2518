/**
 * The Database wrapper: owns transactions and the hooks that run after commit, so jobs are
 * enqueued and events published only for changes that really happened.
 */
import { Kysely, type Transaction } from 'kysely';
import type { Schema } from './schema.js';
import type { DialectName } from './dialect.js';

type CommitHook = () => void | Promise<void>;

export class Database {
  private constructor(
    readonly db: Kysely<Schema>,
    readonly dialect: DialectName,
    private readonly commitHooks: CommitHook[] | null,
  ) {}

  static create(db: Kysely<Schema>, dialect: DialectName): Database {
    return new Database(db, dialect, null);
  }

  get isTransaction(): boolean {
    return this.commitHooks !== null;
  }

  /** Runs `fn` in a transaction; inside one already, joins it. Commit hooks run after the outermost commit. */
  async transaction<T>(fn: (tx: Database) => Promise<T>): Promise<T> {
    if (this.isTransaction) return fn(this);
    const hooks: CommitHook[] = [];
    const result = await this.db
      .transaction()
      .execute((trx: Transaction<Schema>) => fn(new Database(trx, this.dialect, hooks)));
    for (const hook of hooks) {
      try {
        await hook();
      } catch (error) {
        // A failed hook must not turn a committed change into an error for the caller.
        console.error('commit hook failed', error);
      }
    }
    return result;
  }

  /** Registers work to do once the current transaction has committed. */
  onCommit(hook: CommitHook): void {
    this.assertTransaction();
    this.commitHooks!.push(hook);
  }

  assertTransaction(): void {
    if (!this.isTransaction) throw new Error('this operation must run inside a transaction');
  }

  async destroy(): Promise<void> {
    await this.db.destroy();
  }
}
