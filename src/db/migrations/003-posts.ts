/** Posts: each version in a post's edit history records whether it was marked sensitive, as Mastodon's StatusEdit shows. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('status_edits')
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
