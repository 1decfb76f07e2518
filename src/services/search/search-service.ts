/** Search over people, hashtags and posts (FTS5 on SQLite, full-text search on PostgreSQL). */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Viewer } from '../auth/viewer.js';
import { PostgresStatusIndex } from './postgres-status-index.js';
import { escapeLike, searchTerms } from './search-terms.js';
import { SqliteStatusIndex } from './sqlite-status-index.js';
import type { StatusIndex } from './status-index.js';

export type SearchType = 'accounts' | 'hashtags' | 'statuses';

export interface SearchRequest {
  q: string;
  /** One kind of result, or all three. */
  type: SearchType | null;
  limit: number;
  offset: number;
}

/** IDs (accounts, posts) and names (hashtags), best first; the caller loads and presents them. */
export interface SearchResults {
  accountIds: number[];
  hashtags: string[];
  statusIds: number[];
}

export class Search {
  private readonly statuses: StatusIndex;

  constructor(private readonly database: Database) {
    this.statuses =
      database.dialect === 'sqlite' ? new SqliteStatusIndex(database) : new PostgresStatusIndex(database);
  }

  /** Inside the post's transaction: (re)indexes a post's text. */
  async indexStatus(tx: Database, status: { id: number; text: string; spoilerText: string }): Promise<void> {
    await this.statuses.index(tx, status);
  }

  /** Inside the deleting transaction. */
  async removeStatus(tx: Database, statusId: number): Promise<void> {
    await this.statuses.remove(tx, statusId);
  }

  async search(viewer: Viewer, request: SearchRequest): Promise<SearchResults> {
    const wants = (type: SearchType) => request.type === null || request.type === type;
    const [accountIds, hashtags, statusIds] = await Promise.all([
      wants('accounts') ? this.accounts(request) : [],
      wants('hashtags') ? this.hashtags(request) : [],
      wants('statuses')
        ? this.statuses.find(viewer.accountId, searchTerms(request.q), request.limit, request.offset)
        : [],
    ]);
    return { accountIds, hashtags, statusIds };
  }

  /** People whose username or display name contains the query: exact usernames first, then prefixes. */
  private async accounts(request: SearchRequest): Promise<number[]> {
    const q = request.q.trim().replace(/^@/, '').toLowerCase();
    if (!q) return [];
    const contains = `%${escapeLike(q)}%`;
    const prefix = `${escapeLike(q)}%`;
    const rows = await this.database.db
      .selectFrom('accounts')
      .select('accounts.id')
      .where('accounts.suspended_at', 'is', null)
      .where(
        sql<SqlBool>`(accounts.username_lower like ${contains} escape '\\' or lower(accounts.display_name) like ${contains} escape '\\')`,
      )
      .orderBy(
        sql`case when accounts.username_lower = ${q} then 0
          when accounts.username_lower like ${prefix} escape '\\' then 1
          when lower(accounts.display_name) like ${prefix} escape '\\' then 2 else 3 end`,
      )
      .orderBy('accounts.followers_count', 'desc')
      .orderBy('accounts.id')
      .limit(request.limit)
      .offset(request.offset)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Hashtags starting with the query (without its #), the most recently used first. */
  private async hashtags(request: SearchRequest): Promise<string[]> {
    // Tag names are stored normalised (NFKC, lower case), so the prefix is normalised the same way.
    const q = request.q.trim().replace(/^#/, '').normalize('NFKC').toLowerCase();
    if (!q || /\s/.test(q)) return [];
    const rows = await this.database.db
      .selectFrom('tags')
      .select('tags.name')
      .where(sql<SqlBool>`tags.name like ${`${escapeLike(q)}%`} escape '\\'`)
      .orderBy(sql`case when tags.name = ${q} then 0 else 1 end`)
      .orderBy('tags.last_used_at', 'desc')
      .orderBy('tags.name')
      .limit(request.limit)
      .offset(request.offset)
      .execute();
    return rows.map((r) => r.name);
  }
}
