/**
 * The visibility rule as SQL, so every list (timelines, search, notifications) filters in the query
 * and a page is full when enough visible posts exist. It must agree with the posts feature's rule:
 * organization posts are seen by everyone signed in; followers-only posts by the author and their
 * followers; anything by the author and the people it mentions; nothing by a suspended author;
 * and a post held or removed by screening only by its author. Blocks hide posts both ways (neither
 * person sees the other's posts, or reshares of them, in any list); mutes only quiet timelines, so
 * they are a separate condition (`unmutedFor`) that the timelines add and profiles do not.
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
    and not exists (select 1 from accounts va where va.id = ${col('account_id')} and va.suspended_at is not null)
    and ${notBlocked(viewerId, col('account_id'))})`;
}

/** Neither the viewer blocks `accountRef` nor `accountRef` blocks the viewer. */
export function notBlocked(viewerId: number, accountRef: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(not exists (select 1 from blocks vb where vb.account_id = ${viewerId} and vb.target_account_id = ${accountRef})
    and not exists (select 1 from blocks vbb where vbb.target_account_id = ${viewerId} and vbb.account_id = ${accountRef}))`;
}

/** The viewer has no unexpired mute on `accountRef` (with `notificationsOnly`: none that hides notifications). */
export function notMuted(
  viewerId: number,
  accountRef: RawBuilder<unknown>,
  now: number,
  notificationsOnly = false,
): RawBuilder<SqlBool> {
  const which = notificationsOnly ? sql`and vmu.hide_notifications = 1` : sql``;
  return sql<SqlBool>`not exists (select 1 from mutes vmu where vmu.account_id = ${viewerId} and vmu.target_account_id = ${accountRef}
    ${which} and (vmu.expires_at is null or vmu.expires_at > ${now}))`;
}

/** For timelines: neither the row's author nor, for a reshare, the original's author is muted by the viewer. */
export function unmutedFor(viewerId: number, alias: string, now = Date.now()): RawBuilder<SqlBool> {
  const original = sql.ref(`${alias}.reblog_of_id`);
  return sql<SqlBool>`(${notMuted(viewerId, sql.ref(`${alias}.account_id`), now)} and (${original} is null or not exists (
    select 1 from statuses vmo where vmo.id = ${original} and not ${notMuted(viewerId, sql.ref('vmo.account_id'), now)})))`;
}

/** True when the row and, for a reshare, the original are both visible to `viewerId`. */
export function visibleTo(viewerId: number, alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${rowVisibleTo(viewerId, alias)} and (${sql.ref(`${alias}.reblog_of_id`)} is null or exists (
    select 1 from statuses vo where vo.id = ${sql.ref(`${alias}.reblog_of_id`)} and ${rowVisibleTo(viewerId, 'vo')})))`;
}
