/**
 * Trends inside the organization: hashtags used by the most different people over the last week,
 * and organization-wide posts with the most likes, reshares and replies over the last 48 hours.
 * Only posts the whole organization may see count (not those held or removed by screening), so
 * trends reveal nothing about narrower audiences.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

export const TAG_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const STATUS_WINDOW_MS = 48 * 60 * 60 * 1000;

export interface TrendingTag {
  id: number;
  name: string;
  accounts: number;
  uses: number;
}

export class Trends {
  constructor(private readonly database: Database) {}

  async tags(options: { limit: number; offset: number }, now = Date.now()): Promise<TrendingTag[]> {
    const accounts = sql<number>`count(distinct statuses.account_id)`;
    const uses = sql<number>`count(*)`;
    const rows = await this.database.db
      .selectFrom('status_tags')
      .innerJoin('statuses', 'statuses.id', 'status_tags.status_id')
      .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
      .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
      .select(['tags.id', 'tags.name', accounts.as('accounts'), uses.as('uses')])
      .where('statuses.created_at', '>=', now - TAG_WINDOW_MS)
      .where('statuses.visibility', '=', 'organization')
      .where('statuses.reblog_of_id', 'is', null)
      .where('statuses.moderation_state', '=', 'visible')
      .where('accounts.suspended_at', 'is', null)
      .groupBy(['tags.id', 'tags.name'])
      .orderBy(accounts, 'desc')
      .orderBy(uses, 'desc')
      .orderBy('tags.name')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, accounts: Number(r.accounts), uses: Number(r.uses) }));
  }

  /** Post ids by engagement (likes + reshares + replies), ties to the newer post. */
  async statusIds(options: { limit: number; offset: number }, now = Date.now()): Promise<number[]> {
    const score = sql<number>`(statuses.favourites_count + statuses.reblogs_count + statuses.replies_count)`;
    const rows = await this.database.db
      .selectFrom('statuses')
      .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
      .select('statuses.id')
      .where('statuses.created_at', '>=', now - STATUS_WINDOW_MS)
      .where('statuses.visibility', '=', 'organization')
      .where('statuses.reblog_of_id', 'is', null)
      .where('statuses.moderation_state', '=', 'visible')
      .where('accounts.suspended_at', 'is', null)
      .where(score, '>', 0)
      .orderBy(score, 'desc')
      .orderBy('statuses.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map((r) => r.id);
  }
}
