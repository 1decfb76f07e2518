/** Search over people, hashtags and posts (FTS5 on SQLite, full-text search on PostgreSQL). */
import type { Database } from '../../db/database.js';

export class Search {
  constructor(private readonly database: Database) {}

  /** Inside the post's transaction: (re)indexes a post's text. */
  async indexStatus(tx: Database, status: { id: number; text: string; spoilerText: string }): Promise<void> {
    void this.database;
    void tx;
    void status;
    throw new Error('not implemented');
  }

  /** Inside the deleting transaction. */
  async removeStatus(tx: Database, statusId: number): Promise<void> {
    void tx;
    void statusId;
    throw new Error('not implemented');
  }
}
