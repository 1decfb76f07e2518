/** Lists: a person's named groups of people they follow, each with its own timeline. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lists')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('replies_policy', 'text', (c) => c.notNull().defaultTo('list'))
    .addColumn('exclusive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lists_account').on('lists').column('account_id').execute();

  await db.schema
    .createTable('list_accounts')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('list_id', 'bigint', (c) => c.notNull().references('lists.id').onDelete('cascade'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('list_accounts_once', ['list_id', 'account_id'])
    .execute();
  await db.schema.createIndex('list_accounts_account').on('list_accounts').column('account_id').execute();
}
