/**
 * The visibility rule as SQL, so every list (timelines, search, notifications) filters in the query
 * and a page is full when enough visible posts exist. It must agree with the posts feature's rule:
 * organization posts are seen by everyone signed in; followers-only posts by the author and their
 * followers; anything by the author and the people it mentions; nothing by a suspended author;
 * and a post held or removed by screening only by its author.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** True when the `statuses` row under `alias` may be seen by `viewerId` (the row alone, not a reshared original). */
export function rowVisibleTo(viewerId: number, alias: string): RawBuilder<SqlBool> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<SqlBool>`(
    (${col('visibility')} = 'organization'
      or ${col('account_id')} = ${viewerId}
      or (${col('visibility')} = 'followers' and exists (
        select 1 from follows vf where vf.account_id = ${viewerId} and vf.target_account_id = ${col('account_id')}))
      or exists (select 1 from mentions vm where vm.status_id = ${col('id')} and vm.account_id = ${viewerId}))
    and (${col('moderation_state')} = 'visible' or ${col('account_id')} = ${viewerId})
    and not exists (select 1 from accounts va where va.id = ${col('account_id')} and va.suspended_at is not null))`;
}

/** True when the row and, for a reshare, the original are both visible to `viewerId`. */
export function visibleTo(viewerId: number, alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${rowVisibleTo(viewerId, alias)} and (${sql.ref(`${alias}.reblog_of_id`)} is null or exists (
    select 1 from statuses vo where vo.id = ${sql.ref(`${alias}.reblog_of_id`)} and ${rowVisibleTo(viewerId, 'vo')})))`;
}
