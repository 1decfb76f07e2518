/** Filters (Mastodon v2): named groups of keywords and posts a person does not want to see, per context. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('filters')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('filter_action', 'text', (c) => c.notNull().defaultTo('warn'))
    .addColumn('expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('filters_account').on('filters').column('account_id').execute();

  await db.schema
    .createTable('filter_keywords')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('filter_id', 'bigint', (c) => c.notNull().references('filters.id').onDelete('cascade'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('whole_word', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('filter_keywords_filter').on('filter_keywords').column('filter_id').execute();

  await db.schema
    .createTable('filter_statuses')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('filter_id', 'bigint', (c) => c.notNull().references('filters.id').onDelete('cascade'))
    .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('filter_statuses_once', ['filter_id', 'status_id'])
    .execute();
}
