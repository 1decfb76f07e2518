/**
 * Timelines, notifications and search: the accounts whose posts are merged into home feeds at read
 * time (fan-in), one notification per (recipient, actor, kind, post) for likes, reshares and
 * follows, and a PostgreSQL full-text index that also covers content warnings.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
type AnyDb = Kysely<any>;

export function up(dialect: DialectName) {
  return async (db: AnyDb): Promise<void> => {
    // Once an account has too many followers to copy its posts into every feed, it stays fan-in:
    // switching back would leave a gap in followers' feeds.
    await db.schema
      .createTable('fan_in_accounts')
      .addColumn('account_id', 'bigint', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    // Liking, unliking and liking again must not notify twice; a follow has no post, hence coalesce.
    await sql`create unique index notifications_once on notifications (account_id, from_account_id, type, coalesce(status_id, 0)) where type in ('favourite', 'reblog', 'follow')`.execute(
      db,
    );
    await db.schema.createIndex('notifications_from').on('notifications').column('from_account_id').execute();

    if (dialect === 'postgres') {
      await sql`drop index if exists statuses_search`.execute(db);
      await sql`create index statuses_search on statuses using gin (to_tsvector('simple', spoiler_text || ' ' || text))`.execute(
        db,
      );
    }
  };
}
