/**
 * Screening in the product: the versioned screening policy admins edit, each post's screening
 * result, the moderation state of a post (held posts wait for a moderator) and the decisions
 * moderators take.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  // 'visible' | 'held' | 'removed'. Every read path hides held and removed posts from all but their author.
  await db.schema
    .alterTable('statuses')
    .addColumn('moderation_state', 'text', (c) => c.notNull().defaultTo('visible'))
    .execute();
  // The moderation queue reads held posts oldest first; few posts are ever held, so the index stays small in use.
  await db.schema
    .createIndex('statuses_moderation_state')
    .on('statuses')
    .columns(['moderation_state', 'id'])
    .execute();

  // The current policy is the highest version; rows are never updated, so history is the table.
  await db.schema
    .createTable('screening_policies')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_account_id', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // One row per screening of a post that found something (create and every edit), newest last.
  await db.schema
    .createTable('post_screenings')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('post_screenings_status')
    .on('post_screenings')
    .columns(['status_id', 'id'])
    .execute();

  // The audit trail of moderators' decisions on held posts.
  await db.schema
    .createTable('moderation_decisions')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
    .addColumn('moderator_user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('moderator_account_id', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('moderation_decisions_status')
    .on('moderation_decisions')
    .columns(['status_id', 'id'])
    .execute();
}
