/** Blocks and mutes: whom a person has cut off (both ways) or quieted (their own view only). */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blocks')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('target_account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('blocks_once', ['account_id', 'target_account_id'])
    .execute();
  // Read paths ask both "whom do I block" (the unique index) and "who blocks me".
  await db.schema
    .createIndex('blocks_target')
    .on('blocks')
    .columns(['target_account_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('mutes')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('target_account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('hide_notifications', 'integer', (c) => c.notNull().defaultTo(1))
    // Null: until unmuted. Expired rows are ignored by every read and replaced by the next mute.
    .addColumn('expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('mutes_once', ['account_id', 'target_account_id'])
    .execute();
}
