/** A page request as SQL: the cursor bounds on an ID column, shared by every paginated list here. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { lowerBound, type PageRequest } from '../../domain/pagination.js';

/** `column` within the page's cursors (max_id exclusive above, since_id/min_id exclusive below). */
export function withinPage(column: string, page: PageRequest): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  const conditions: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (page.maxId !== null) conditions.push(sql`${ref} < ${page.maxId}`);
  const lower = lowerBound(page);
  if (lower !== null) conditions.push(sql`${ref} > ${lower}`);
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}
