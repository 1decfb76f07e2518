/**
 * Conversations: direct-message threads are computed from posts when read; only each person's
 * read and hidden marks are stored.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversation_states')
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('thread_id', 'bigint', (c) => c.notNull())
    .addColumn('last_read_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden_up_to', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_states_pk', ['account_id', 'thread_id'])
    .execute();
}
