/**
 * Posts held by screening: counting only what others may see, releasing a held post (it then
 * reaches feeds and notifies as a new post would) and taking a post down. Each runs inside the
 * caller's transaction, beside the moderator's decision.
 */
import type { Database } from '../../db/database.js';
import type { Status } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { canView, type Visibility } from '../../domain/visibility.js';
import type { PageRequest } from '../../domain/pagination.js';
import type { Follows } from '../follows/follow-service.js';
import type { Notifications } from '../notifications/notification-service.js';
import { withinPage } from '../timelines/page-sql.js';
import type { Timelines } from '../timelines/timeline-service.js';
import { countNewPost, countRemovedPost } from './account-counters.js';
import { adjustCounter } from './status-counters.js';

export interface HeldPostDeps {
  follows: Follows;
  timelines: Timelines;
  notifications: Notifications;
}

/** A post others can now see: the author's post count and the parent's reply count go up. */
export async function countReleasedPost(
  tx: Database,
  row: { account_id: number; in_reply_to_id: number | null },
  now: number,
): Promise<void> {
  await countNewPost(tx, row.account_id, now);
  if (row.in_reply_to_id !== null) await adjustCounter(tx, row.in_reply_to_id, 'replies_count', 1);
}

/** A post others no longer see (deleted, held again, removed): the counts go down. */
export async function countWithdrawnPost(
  tx: Database,
  row: { account_id: number; in_reply_to_id: number | null },
): Promise<void> {
  await countRemovedPost(tx, row.account_id);
  if (row.in_reply_to_id !== null) await adjustCounter(tx, row.in_reply_to_id, 'replies_count', -1);
}

/**
 * Whether the replied-to author hears of a reply as a `reply`: not when they wrote it or are
 * mentioned (they get a mention), and only when they may see it.
 */
export async function replyNoticeDue(
  follows: Follows,
  parentAccountId: number,
  reply: { account_id: number; visibility: Visibility },
  mentioned: number[],
): Promise<boolean> {
  if (parentAccountId === reply.account_id || mentioned.includes(parentAccountId)) return false;
  const relationship = await follows.relationship(parentAccountId, reply.account_id);
  return canView(
    { accountId: parentAccountId },
    { accountId: reply.account_id, visibility: reply.visibility, mentionedAccountIds: mentioned },
    relationship.following,
  );
}

async function moderatedRow(tx: Database, id: number): Promise<Status> {
  const row = await tx.db.selectFrom('statuses').selectAll().where('id', '=', id).executeTakeFirst();
  // Reshares carry no text of their own: there is nothing to moderate in them.
  if (!row || row.reblog_of_id !== null) throw new NotFoundError('Status');
  return row;
}

/**
 * Makes a held post visible, THEN distributes it and sends the notifications its creation would
 * have sent (mentions and the reply notice), skipping any already sent before it was held again.
 */
export async function releaseHeldPost(tx: Database, deps: HeldPostDeps, id: number): Promise<Status> {
  tx.assertTransaction();
  const row = await moderatedRow(tx, id);
  if (row.moderation_state !== 'held') throw new ConflictError('Only a post held for review can be released');
  const updated = await tx.db
    .updateTable('statuses')
    .set({ moderation_state: 'visible' })
    .where('id', '=', id)
    .where('moderation_state', '=', 'held')
    .executeTakeFirst();
  // Another moderator decided first.
  if (Number(updated.numUpdatedRows) === 0)
    throw new ConflictError('Only a post held for review can be released');

  const now = Date.now();
  await countReleasedPost(tx, row, now);
  const [mentionRows, tagRows] = await Promise.all([
    tx.db.selectFrom('mentions').select('account_id').where('status_id', '=', id).execute(),
    tx.db.selectFrom('status_tags').select('tag_id').where('status_id', '=', id).execute(),
  ]);
  const mentioned = mentionRows.map((m) => m.account_id);
  await deps.timelines.distribute(tx, {
    id,
    accountId: row.account_id,
    visibility: row.visibility,
    mentionedAccountIds: mentioned,
    tagIds: tagRows.map((t) => t.tag_id),
    reblogOfAccountId: null,
  });

  const alreadyTold = new Set(
    (
      await tx.db
        .selectFrom('notifications')
        .select(['account_id', 'type'])
        .where('status_id', '=', id)
        .where('type', 'in', ['mention', 'reply'])
        .execute()
    ).map((n) => `${n.type}:${n.account_id}`),
  );
  for (const accountId of mentioned) {
    if (alreadyTold.has(`mention:${accountId}`)) continue;
    await deps.notifications.create(tx, {
      accountId,
      fromAccountId: row.account_id,
      type: 'mention',
      statusId: id,
    });
  }
  const parentAuthor = row.in_reply_to_id !== null ? row.in_reply_to_account_id : null;
  if (
    parentAuthor !== null &&
    !alreadyTold.has(`reply:${parentAuthor}`) &&
    (await replyNoticeDue(deps.follows, parentAuthor, row, mentioned))
  ) {
    await deps.notifications.create(tx, {
      accountId: parentAuthor,
      fromAccountId: row.account_id,
      type: 'reply',
      statusId: id,
    });
  }
  return { ...row, moderation_state: 'visible' };
}

/** Takes a held (or visible) post down: hidden from everyone but its author, who sees it was removed. */
export async function takeDownPost(tx: Database, deps: HeldPostDeps, id: number): Promise<Status> {
  tx.assertTransaction();
  const row = await moderatedRow(tx, id);
  if (row.moderation_state === 'removed') throw new ConflictError('This post has already been removed');
  const updated = await tx.db
    .updateTable('statuses')
    .set({ moderation_state: 'removed' })
    .where('id', '=', id)
    .where('moderation_state', '=', row.moderation_state)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new ConflictError('This post has already been decided on');
  if (row.moderation_state === 'visible') {
    await deps.timelines.withdraw(tx, { id, accountId: row.account_id });
    await countWithdrawnPost(tx, row);
  }
  return { ...row, moderation_state: 'removed' };
}

/** Held posts, oldest first: `min_id`/`since_id` page forward, `max_id` bounds from above. */
export async function heldPostIds(database: Database, page: PageRequest): Promise<number[]> {
  const rows = await database.db
    .selectFrom('statuses')
    .select('id')
    .where('moderation_state', '=', 'held')
    .where('reblog_of_id', 'is', null)
    .where(withinPage('statuses.id', page))
    .orderBy('id', 'asc')
    .limit(page.limit)
    .execute();
  return rows.map((r) => r.id);
}
