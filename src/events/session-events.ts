/**
 * Telling open streams that sessions ended: whoever ends a session or revokes a token calls this in
 * the same transaction, and every live stream of that person re-checks its credential on commit.
 */
import type { Database } from '../db/database.js';
import type { EventBus } from './bus.js';

export function announceSessionsEnded(tx: Database, events: EventBus, who: { accountId: number; userId: number }): void {
  tx.onCommit(() => events.publish(`user:${who.accountId}`, { type: 'session.revoked', userId: who.userId }));
}
