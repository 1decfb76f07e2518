/**
 * Loads posts for a viewer in a fixed number of queries whatever their number: the rows, the
 * reshared originals, mentions, tags, authors, whether the viewer follows each author, and the
 * viewer's likes, reshares and bookmarks. Then drops what the visibility rule hides.
 */
import type { Database } from '../../db/database.js';
import type { Status } from '../../db/schema.js';
import { canView } from '../../domain/visibility.js';
import type { Accounts } from '../accounts/account-service.js';
import type { HydratedAccount } from '../accounts/hydrated-account.js';
import type { Follows } from '../follows/follow-service.js';
import type { MediaAttachment } from '../media/media-service.js';
import type { Tags } from '../tags/tag-service.js';
import type { HydratedStatus } from './hydrated-status.js';
import { loadModeration } from './moderation-records.js';
import type { PostViewer } from './post-viewer.js';

export interface HydrateDeps {
  database: Database;
  accounts: Accounts;
  follows: Follows;
  tags: Tags;
  /** The posts' attachments, in the author's order (absent: none are shown). */
  media?: { forStatuses(statusIds: number[]): Promise<Map<number, MediaAttachment[]>> };
}

export interface HydrateOptions {
  /** Moderators acting on a post (deleting it, the moderation queue) load it whatever its audience or moderation state. */
  ignoreVisibility?: boolean;
}

export async function hydrateStatuses(
  deps: HydrateDeps,
  viewer: PostViewer | null,
  ids: number[],
  options: HydrateOptions = {},
): Promise<HydratedStatus[]> {
  if (viewer === null || ids.length === 0) return [];
  const db = deps.database.db;
  const unique = [...new Set(ids)];
  const rows = await db.selectFrom('statuses').selectAll().where('id', 'in', unique).execute();
  const byId = new Map<number, Status>(rows.map((r) => [r.id, r]));
  const missingOriginals = [
    ...new Set(rows.map((r) => r.reblog_of_id).filter((id): id is number => id !== null && !byId.has(id))),
  ];
  if (missingOriginals.length > 0) {
    for (const row of await db
      .selectFrom('statuses')
      .selectAll()
      .where('id', 'in', missingOriginals)
      .execute()) {
      byId.set(row.id, row);
    }
  }
  if (byId.size === 0) return [];
  const all = [...byId.values()];
  const allIds = all.map((s) => s.id);
  const authorIds = [...new Set(all.map((s) => s.account_id))];
  const v = viewer.accountId;

  // Held and removed posts carry their findings and decision for those who may see them in that state.
  const moderated = all.filter(
    (s) => s.moderation_state !== 'visible' && (options.ignoreVisibility || s.account_id === v),
  );

  const [
    mentionRows,
    tagsByStatus,
    relationships,
    favourites,
    bookmarks,
    reblogs,
    moderation,
    media,
    blockers,
  ] = await Promise.all([
    db.selectFrom('mentions').select(['status_id', 'account_id']).where('status_id', 'in', allIds).execute(),
    deps.tags.forStatuses(allIds),
    all.some((s) => s.visibility === 'followers' && s.account_id !== v)
      ? deps.follows.relationships(v, authorIds, { blocks: false })
      : Promise.resolve([]),
    db
      .selectFrom('favourites')
      .select('status_id')
      .where('account_id', '=', v)
      .where('status_id', 'in', allIds)
      .execute(),
    db
      .selectFrom('bookmarks')
      .select('status_id')
      .where('account_id', '=', v)
      .where('status_id', 'in', allIds)
      .execute(),
    db
      .selectFrom('statuses')
      .select('reblog_of_id')
      .where('account_id', '=', v)
      .where('reblog_of_id', 'in', allIds)
      .execute(),
    loadModeration(deps.database, moderated),
    deps.media ? deps.media.forStatuses(allIds) : Promise.resolve(new Map<number, MediaAttachment[]>()),
    // Authors who block the viewer: their posts are hidden from the viewer, as in Mastodon.
    db
      .selectFrom('blocks')
      .select('account_id')
      .where('target_account_id', '=', v)
      .where('account_id', 'in', authorIds)
      .execute(),
  ]);
  const blockedBy = new Set(blockers.map((b) => b.account_id));

  const mentioned = new Map<number, number[]>();
  for (const m of mentionRows)
    mentioned.set(m.status_id, [...(mentioned.get(m.status_id) ?? []), m.account_id]);
  const accounts = await deps.accounts.hydrate([...authorIds, ...mentionRows.map((m) => m.account_id)]);
  const following = new Set(relationships.filter((r) => r.following).map((r) => r.id));
  const favourited = new Set(favourites.map((f) => f.status_id));
  const bookmarked = new Set(bookmarks.map((b) => b.status_id));
  const reblogged = new Set(reblogs.map((r) => r.reblog_of_id));

  const build = (status: Status): HydratedStatus | null => {
    const account = accounts.get(status.account_id);
    if (!account) return null;
    const mentionIds = mentioned.get(status.id) ?? [];
    if (!options.ignoreVisibility) {
      // Suspended people's posts are hidden like their profiles: from all but themselves and admins.
      if (account.suspended_at !== null && account.id !== viewer.accountId && viewer.role !== 'admin')
        return null;
      if (blockedBy.has(status.account_id)) return null;
      const post = {
        accountId: status.account_id,
        visibility: status.visibility,
        mentionedAccountIds: mentionIds,
        moderationState: status.moderation_state,
      };
      if (!canView(viewer, post, following.has(status.account_id))) return null;
    }
    let reblog: HydratedStatus | null = null;
    if (status.reblog_of_id !== null) {
      const original = byId.get(status.reblog_of_id);
      reblog = original ? build(original) : null;
      if (reblog === null) return null;
    }
    return {
      ...status,
      account,
      mentions: mentionIds.map((id) => accounts.get(id)).filter((a): a is HydratedAccount => a !== undefined),
      tags: tagsByStatus.get(status.id) ?? [],
      reblog,
      favourited: favourited.has(status.id),
      reblogged: reblogged.has(status.id),
      bookmarked: bookmarked.has(status.id),
      moderation: moderation.get(status.id) ?? null,
      media_attachments: media.get(status.id) ?? [],
    };
  };

  return ids.flatMap((id) => {
    const status = byId.get(id);
    if (!status) return [];
    const hydrated = build(status);
    return hydrated ? [hydrated] : [];
  });
}
