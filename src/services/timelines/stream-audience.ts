/**
 * Who among many open streams may be shown one post, and which of them see it the same way. A
 * post by someone followed by thousands reaches thousands of streams at once; loading it once per
 * stream would be thousands of identical loads. This sorts the viewers, in a few queries whatever
 * their number (each query reads what is tied to the post and its authors), into:
 *  - hidden: a block between the viewer and the post's author (or the reshared post's author), or,
 *    where mutes apply, a mute by the viewer — the same rule as the timelines' SQL (visible-sql.ts);
 *  - groups whose members get the same result from `posts.hydrate`: everything hydrate reads about
 *    a viewer is their role, whether they follow the authors, whether they are an author or
 *    mentioned, and their own likes, bookmarks and reshares of the post. Viewers with any personal
 *    tie to the post (author, mentioned, interacted) get a group of their own; the rest are grouped
 *    by (role, follows the author, follows the reshared author). The caller hydrates each group for
 *    a real member of it, so visibility is still decided by the one rule posts applies.
 * If posts.hydrate ever reads more about the viewer, the grouping key must grow with it
 * (tests/websocket-streaming.test.ts compares streamed posts with GET /api/v1/statuses/:id).
 */
import type { Database } from '../../db/database.js';
import type { UserRole } from '../../db/schema.js';

export interface AudienceViewer {
  accountId: number;
  role: UserRole;
}

export interface AudienceSplit {
  /** Account ids that must not be shown the post on this stream. */
  hidden: Set<number>;
  /** Account ids that see the post alike; hydrate once for the first of each. */
  groups: number[][];
}

const FEW_VIEWERS = 500;

export async function splitAudience(
  database: Database,
  statusId: number,
  viewers: AudienceViewer[],
  options: { mutes: boolean },
  now = Date.now(),
): Promise<AudienceSplit | null> {
  const db = database.db;
  const status = await db
    .selectFrom('statuses')
    .select(['id', 'account_id', 'reblog_of_id'])
    .where('id', '=', statusId)
    .executeTakeFirst();
  if (!status) return null;
  const original =
    status.reblog_of_id === null
      ? null
      : await db
          .selectFrom('statuses')
          .select(['id', 'account_id'])
          .where('id', '=', status.reblog_of_id)
          .executeTakeFirst();
  const postIds = original ? [status.id, original.id] : [status.id];
  const authors = [...new Set(original ? [status.account_id, original.account_id] : [status.account_id])];
  const mentions = await db
    .selectFrom('mentions')
    .select('account_id')
    .where('status_id', 'in', postIds)
    .execute();
  const personal = new Set<number>([...authors, ...mentions.map((m) => m.account_id)]);

  const roles = new Map<number, UserRole>();
  for (const viewer of viewers) roles.set(viewer.accountId, viewer.role);
  // Each query is bounded by the post's own audience and interactions, not by the number of
  // viewers: it reads what is tied to the post and its authors, and the viewers are matched in memory.
  const [follows, favourites, bookmarks, reshares, blockers, blockedByAuthors, muters] = await Promise.all([
    db
      .selectFrom('follows')
      .select(['account_id', 'target_account_id'])
      .where('target_account_id', 'in', authors)
      // A few viewers: ask about them; many: read the authors' followers once (one IN list stays small).
      .$if(roles.size <= FEW_VIEWERS, (q) => q.where('account_id', 'in', [...roles.keys()]))
      .execute(),
    db.selectFrom('favourites').select('account_id').where('status_id', 'in', postIds).execute(),
    db.selectFrom('bookmarks').select('account_id').where('status_id', 'in', postIds).execute(),
    db.selectFrom('statuses').select('account_id').where('reblog_of_id', 'in', postIds).execute(),
    db
      .selectFrom('blocks')
      .select('account_id as viewer')
      .where('target_account_id', 'in', authors)
      .execute(),
    db
      .selectFrom('blocks')
      .select('target_account_id as viewer')
      .where('account_id', 'in', authors)
      .execute(),
    options.mutes
      ? db
          .selectFrom('mutes')
          .select('account_id as viewer')
          .where('target_account_id', 'in', authors)
          .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
          .execute()
      : Promise.resolve([]),
  ]);
  const hidden = new Set<number>();
  for (const row of [...blockers, ...blockedByAuthors, ...muters])
    if (roles.has(row.viewer)) hidden.add(row.viewer);
  for (const row of [...favourites, ...bookmarks, ...reshares]) personal.add(row.account_id);
  const followsAuthor = new Set<number>();
  const followsOriginal = new Set<number>();
  for (const row of follows) {
    if (row.target_account_id === status.account_id) followsAuthor.add(row.account_id);
    if (original && row.target_account_id === original.account_id) followsOriginal.add(row.account_id);
  }

  const groups = new Map<string, number[]>();
  for (const id of roles.keys()) {
    if (hidden.has(id)) continue;
    const key = personal.has(id)
      ? `own:${id}`
      : `${roles.get(id)}|${followsAuthor.has(id) ? 1 : 0}|${followsOriginal.has(id) ? 1 : 0}`;
    const group = groups.get(key);
    if (group) group.push(id);
    else groups.set(key, [id]);
  }
  return { hidden, groups: [...groups.values()] };
}
