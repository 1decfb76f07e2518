/** The counters on a post (replies, reshares, likes), moved in the transaction that changes what they count. */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

export type StatusCounter = 'replies_count' | 'reblogs_count' | 'favourites_count';

export async function adjustCounter(
  tx: Database,
  statusId: number,
  counter: StatusCounter,
  delta: 1 | -1,
): Promise<void> {
  tx.assertTransaction();
  const column = sql.ref(counter);
  const value =
    delta > 0
      ? sql<number>`${column} + 1`
      : sql<number>`case when ${column} > 0 then ${column} - 1 else 0 end`;
  await tx.db
    .updateTable('statuses')
    .set({ [counter]: value })
    .where('id', '=', statusId)
    .execute();
}
