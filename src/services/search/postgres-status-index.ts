/**
 * Post search on PostgreSQL: a GIN index on the text's tsvector (migration 004), so nothing to
 * write on index or remove. The expression below must stay identical to the index's.
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import { visibleTo } from '../timelines/visible-sql.js';
import { tsQueryExpression } from './search-terms.js';
import type { IndexedStatus, StatusIndex } from './status-index.js';

export class PostgresStatusIndex implements StatusIndex {
  constructor(private readonly database: Database) {}

  async index(tx: Database, status: IndexedStatus): Promise<void> {
    void status;
    tx.assertTransaction();
  }

  async remove(tx: Database, statusId: number): Promise<void> {
    void statusId;
    tx.assertTransaction();
  }

  async find(viewerAccountId: number, terms: string[], limit: number, offset: number): Promise<number[]> {
    if (terms.length === 0) return [];
    const rows = await this.database.db
      .selectFrom('statuses')
      .select('statuses.id')
      .where(
        sql<SqlBool>`to_tsvector('simple', statuses.spoiler_text || ' ' || statuses.text) @@ to_tsquery('simple', ${tsQueryExpression(terms)})`,
      )
      .where('statuses.reblog_of_id', 'is', null)
      .where(visibleTo(viewerAccountId, 'statuses'))
      .orderBy('statuses.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => r.id);
  }
}
