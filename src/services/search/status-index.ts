/** The full-text index of posts, one implementation per database dialect. */
import type { Database } from '../../db/database.js';

export interface IndexedStatus {
  id: number;
  text: string;
  spoilerText: string;
}

export interface StatusIndex {
  /** Inside the post's transaction: (re)indexes it. */
  index(tx: Database, status: IndexedStatus): Promise<void>;
  /** Inside the deleting transaction. */
  remove(tx: Database, statusId: number): Promise<void>;
  /** IDs of posts (not reshares) matching every term as a prefix and visible to the viewer, newest first. */
  find(viewerAccountId: number, terms: string[], limit: number, offset: number): Promise<number[]>;
}
