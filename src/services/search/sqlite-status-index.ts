/** Post search on SQLite: a contentless FTS5 table whose rowid is the post's ID. */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import { visibleTo } from '../timelines/visible-sql.js';
import { ftsMatchExpression } from './search-terms.js';
import type { IndexedStatus, StatusIndex } from './status-index.js';

export class SqliteStatusIndex implements StatusIndex {
  constructor(private readonly database: Database) {}

  async index(tx: Database, status: IndexedStatus): Promise<void> {
    tx.assertTransaction();
    await sql`delete from status_search where rowid = ${status.id}`.execute(tx.db);
    await sql`insert into status_search (rowid, text) values (${status.id}, ${`${status.spoilerText}\n${status.text}`})`.execute(
      tx.db,
    );
  }

  async remove(tx: Database, statusId: number): Promise<void> {
    tx.assertTransaction();
    await sql`delete from status_search where rowid = ${statusId}`.execute(tx.db);
  }

  async find(viewerAccountId: number, terms: string[], limit: number, offset: number): Promise<number[]> {
    if (terms.length === 0) return [];
    const rows = await this.database.db
      .selectFrom('statuses')
      .select('statuses.id')
      .where(
        sql<SqlBool>`statuses.id in (select rowid from status_search where status_search match ${ftsMatchExpression(terms)})`,
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
