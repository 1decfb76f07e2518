/** Jobs that exhausted their attempts are kept as dead letters instead of being retried forever. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('dead_at', 'bigint').execute();
  await db.schema.alterTable('jobs').addColumn('dedupe_key', 'text').execute();
  await db.schema.createIndex('jobs_dedupe').on('jobs').column('dedupe_key').unique().execute();
}
