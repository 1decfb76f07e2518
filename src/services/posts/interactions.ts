/**
 * Likes, reshares and bookmarks. Each is idempotent: doing it twice changes nothing the second
 * time, and counters and notifications move only when a row really appears or goes. Acting on a
 * reshare acts on the post it reshares, as Mastodon does.
 */
import type { Database } from '../../db/database.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { finishPage, lowerBound, pageOrder, type PageRequest } from '../../domain/pagination.js';
import { canReshare } from '../../domain/visibility.js';
import { isUniqueViolation } from '../accounts/unique-violation.js';
import type { Notifications } from '../notifications/notification-service.js';
import type { Timelines } from '../timelines/timeline-service.js';
import { countNewPost, countRemovedPost } from './account-counters.js';
import type { HydratedStatus } from './hydrated-status.js';
import type { Posts } from './post-service.js';
import type { PostViewer } from './post-viewer.js';
import { adjustCounter } from './status-counters.js';

/** A page of ids with the row ids that page it (likes and bookmarks page by their own id, as Mastodon). */
export interface CursorPage {
  ids: number[];
  cursors: number[];
}

export class Interactions {
  constructor(
    private readonly database: Database,
    private readonly posts: Posts,
    private readonly timelines: Timelines,
    private readonly notifications: Notifications,
  ) {}

  async favourite(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const target = await this.target(viewer, id);
    await this.database.transaction(async (tx) => {
      const result = await tx.db
        .insertInto('favourites')
        .values({ id: newId(), account_id: viewer.accountId, status_id: target.id, created_at: Date.now() })
        .onConflict((oc) => oc.columns(['account_id', 'status_id']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await adjustCounter(tx, target.id, 'favourites_count', 1);
      await this.notifications.create(tx, {
        accountId: target.account_id,
        fromAccountId: viewer.accountId,
        type: 'favourite',
        statusId: target.id,
      });
    });
    return this.posts.get(viewer, target.id);
  }

  async unfavourite(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const target = await this.target(viewer, id);
    await this.database.transaction(async (tx) => {
      const result = await tx.db
        .deleteFrom('favourites')
        .where('account_id', '=', viewer.accountId)
        .where('status_id', '=', target.id)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return;
      await adjustCounter(tx, target.id, 'favourites_count', -1);
      await this.notifications.retract(tx, {
        accountId: target.account_id,
        fromAccountId: viewer.accountId,
        type: 'favourite',
        statusId: target.id,
      });
    });
    return this.posts.get(viewer, target.id);
  }

  /** Reshares to the resharer's followers; only organization-wide posts can be reshared (422). Returns the reshare. */
  async reblog(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const target = await this.target(viewer, id);
    // Only the author sees a held post; resharing it would put it in front of others.
    if (target.moderation_state !== 'visible') {
      throw new AppError('unprocessable', 'A post held for review cannot be reshared', { field: 'id' });
    }
    if (!canReshare(target)) {
      throw new AppError('unprocessable', 'Only posts visible to the whole organization can be reshared', {
        field: 'id',
      });
    }
    const existing = await this.reshareOf(this.database, viewer.accountId, target.id);
    if (existing !== null) return this.posts.get(viewer, existing);
    const now = Date.now();
    const reshareId = newId(now);
    try {
      await this.database.transaction(async (tx) => {
        await tx.db
          .insertInto('statuses')
          .values({
            id: reshareId,
            account_id: viewer.accountId,
            text: '',
            content_html: '',
            spoiler_text: '',
            visibility: 'organization',
            in_reply_to_id: null,
            in_reply_to_account_id: null,
            reblog_of_id: target.id,
            thread_id: reshareId,
            language: null,
            created_at: now,
            edited_at: null,
          })
          .execute();
        await adjustCounter(tx, target.id, 'reblogs_count', 1);
        await countNewPost(tx, viewer.accountId, now);
        await this.timelines.distribute(tx, {
          id: reshareId,
          accountId: viewer.accountId,
          visibility: 'organization',
          mentionedAccountIds: [],
          tagIds: [],
          reblogOfAccountId: target.account_id,
        });
        await this.notifications.create(tx, {
          accountId: target.account_id,
          fromAccountId: viewer.accountId,
          type: 'reblog',
          statusId: target.id,
        });
      });
    } catch (error) {
      // Two requests raced: the other one's reshare stands.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.reshareOf(this.database, viewer.accountId, target.id);
      if (winner === null) throw error;
      return this.posts.get(viewer, winner);
    }
    return this.posts.get(viewer, reshareId);
  }

  /** Undoes the viewer's reshare; returns the original post. */
  async unreblog(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const target = await this.target(viewer, id);
    await this.database.transaction(async (tx) => {
      const reshareId = await this.reshareOf(tx, viewer.accountId, target.id);
      if (reshareId === null) return;
      await this.timelines.withdraw(tx, { id: reshareId, accountId: viewer.accountId });
      const result = await tx.db.deleteFrom('statuses').where('id', '=', reshareId).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return;
      await adjustCounter(tx, target.id, 'reblogs_count', -1);
      await countRemovedPost(tx, viewer.accountId);
      await this.notifications.retract(tx, {
        accountId: target.account_id,
        fromAccountId: viewer.accountId,
        type: 'reblog',
        statusId: target.id,
      });
    });
    return this.posts.get(viewer, target.id);
  }

  async bookmark(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const target = await this.target(viewer, id);
    await this.database.db
      .insertInto('bookmarks')
      .values({ id: newId(), account_id: viewer.accountId, status_id: target.id, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['account_id', 'status_id']).doNothing())
      .execute();
    return this.posts.get(viewer, target.id);
  }

  async unbookmark(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const target = await this.target(viewer, id);
    await this.database.db
      .deleteFrom('bookmarks')
      .where('account_id', '=', viewer.accountId)
      .where('status_id', '=', target.id)
      .execute();
    return this.posts.get(viewer, target.id);
  }

  /** Who liked a post the viewer may see, newest like first. */
  async favouritedBy(viewer: PostViewer, id: number, page: PageRequest): Promise<CursorPage> {
    const target = await this.target(viewer, id);
    let query = this.database.db
      .selectFrom('favourites')
      .select(['id as cursor', 'account_id as item'])
      .where('status_id', '=', target.id);
    if (page.maxId !== null) query = query.where('id', '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.where('id', '>', lower);
    return toPage(finishPage(await query.orderBy('id', pageOrder(page)).limit(page.limit).execute(), page));
  }

  /** Who reshared a post the viewer may see, newest reshare first (paged by the reshare's id). */
  async rebloggedBy(viewer: PostViewer, id: number, page: PageRequest): Promise<CursorPage> {
    const target = await this.target(viewer, id);
    let query = this.database.db
      .selectFrom('statuses')
      .select(['id as cursor', 'account_id as item'])
      .where('reblog_of_id', '=', target.id);
    if (page.maxId !== null) query = query.where('id', '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.where('id', '>', lower);
    return toPage(finishPage(await query.orderBy('id', pageOrder(page)).limit(page.limit).execute(), page));
  }

  /** The viewer's liked posts, newest like first, paged by the like's id. */
  async favourites(viewer: PostViewer, page: PageRequest): Promise<CursorPage> {
    return this.ownList('favourites', viewer, page);
  }

  async bookmarks(viewer: PostViewer, page: PageRequest): Promise<CursorPage> {
    return this.ownList('bookmarks', viewer, page);
  }

  private async ownList(
    table: 'favourites' | 'bookmarks',
    viewer: PostViewer,
    page: PageRequest,
  ): Promise<CursorPage> {
    let query = this.database.db
      .selectFrom(table)
      .select(['id as cursor', 'status_id as item'])
      .where('account_id', '=', viewer.accountId);
    if (page.maxId !== null) query = query.where('id', '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.where('id', '>', lower);
    return toPage(finishPage(await query.orderBy('id', pageOrder(page)).limit(page.limit).execute(), page));
  }

  /** The post acted on: visible to the viewer (404 otherwise), and the original when given a reshare. */
  private async target(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const status = await this.posts.get(viewer, id);
    return status.reblog ?? status;
  }

  private async reshareOf(db: Database, accountId: number, statusId: number): Promise<number | null> {
    const row = await db.db
      .selectFrom('statuses')
      .select('id')
      .where('account_id', '=', accountId)
      .where('reblog_of_id', '=', statusId)
      .executeTakeFirst();
    return row?.id ?? null;
  }
}

function toPage(rows: { cursor: number; item: number }[]): CursorPage {
  return { ids: rows.map((r) => r.item), cursors: rows.map((r) => r.cursor) };
}
