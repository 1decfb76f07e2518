/**
 * The post counters kept on accounts (`statuses_count`, `last_status_at`), changed in the same
 * transaction as the post. Accounts offers no call for this yet, so the two columns are written
 * here, and only here.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

export async function countNewPost(tx: Database, accountId: number, now: number): Promise<void> {
  tx.assertTransaction();
  await tx.db
    .updateTable('accounts')
    .set((eb) => ({ statuses_count: eb('statuses_count', '+', 1), last_status_at: now }))
    .where('id', '=', accountId)
    .execute();
}

export async function countRemovedPost(tx: Database, accountId: number): Promise<void> {
  tx.assertTransaction();
  await tx.db
    .updateTable('accounts')
    .set({ statuses_count: sql<number>`case when statuses_count > 0 then statuses_count - 1 else 0 end` })
    .where('id', '=', accountId)
    .execute();
}
