/** Scheduled statuses: posts written now and published by a job at `scheduled_at`. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scheduled_statuses')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('scheduled_at', 'bigint', (c) => c.notNull())
    // The post's parameters as JSON (text, visibility, reply, media ids…), as the author sent them.
    .addColumn('params', 'text', (c) => c.notNull())
    // Set once published: the job is idempotent by this row.
    .addColumn('status_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scheduled_statuses_account')
    .on('scheduled_statuses')
    .columns(['account_id', 'scheduled_at'])
    .execute();
}
