/** Timelines: home feeds materialised by fan-out on write, and the organization, hashtag and profile timelines. */
import type { Database } from '../../db/database.js';
import type { Visibility } from '../../db/schema.js';

export interface DistributedPost {
  id: number;
  accountId: number;
  visibility: Visibility;
  mentionedAccountIds: number[];
  tagIds: number[];
  /** For a reshare: the original's author, who should not see their own post twice. */
  reblogOfAccountId: number | null;
}

export class Timelines {
  constructor(private readonly database: Database) {}

  /** Inside the post's transaction: puts the post in the home feed of everyone who should see it there. */
  async distribute(tx: Database, post: DistributedPost): Promise<void> {
    void this.database;
    void tx;
    void post;
    throw new Error('not implemented');
  }
}
