/** Reports: people flag an account (and some of its posts) for the organization's moderators. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('target_account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rule_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('forwarded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('action_taken_at', 'bigint')
    .addColumn('action_taken_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_target').on('reports').column('target_account_id').execute();
  await db.schema.createIndex('reports_account').on('reports').column('account_id').execute();
}
