/**
 * Following: who follows whom. Following and unfollowing are idempotent; the counters on both
 * accounts, the follow notification and the follower's home feed change in the same transaction
 * as the follow row.
 */
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { finishPage, lowerBound, pageOrder, type PageRequest } from '../../domain/pagination.js';
import { newId } from '../../domain/ids.js';
import type { Accounts } from '../accounts/account-service.js';
import type { Viewer } from '../auth/viewer.js';
import type { Notifications } from '../notifications/notification-service.js';
import type { Timelines } from '../timelines/timeline-service.js';

export interface Relationship {
  id: number;
  following: boolean;
  followedBy: boolean;
  blocking?: boolean;
  blockedBy?: boolean;
  muting?: boolean;
  mutingNotifications?: boolean;
}

/** Blocks and mutes between people (the blocks feature), attached after both services exist. */
export interface BlockRelations {
  /** What `accountId` has done to each of `ids` (blocking, muting) and each of them to it (blocked by). */
  relationFlags(
    accountId: number,
    ids: number[],
  ): Promise<Map<number, { blocking: boolean; blockedBy: boolean; muting: boolean; mutingNotifications: boolean }>>;
  /** Throws when either person blocks the other: no follow may start between them. */
  assertNotBlocked(accountId: number, targetId: number): Promise<void>;
}

/** A page of a follower or following list: account ids with the follow ids that are its cursors. */
export interface FollowPage {
  accountIds: number[];
  cursors: number[];
}

export class Follows {
  private blockRelations: BlockRelations | null = null;

  constructor(
    private readonly database: Database,
    private readonly accounts: Accounts,
    private readonly notifications: Notifications,
    private readonly timelines: Timelines,
  ) {}

  /** Called once at start-up: relationships then carry blocks and mutes, and follows across a block are refused. */
  attachBlocks(blocks: BlockRelations): void {
    this.blockRelations = blocks;
  }

  async follow(viewer: Viewer, targetId: number): Promise<Relationship> {
    await this.assertTarget(viewer, targetId);
    await this.blockRelations?.assertNotBlocked(viewer.accountId, targetId);
    await this.database.transaction(async (tx) => {
      const result = await tx.db
        .insertInto('follows')
        .values({
          id: newId(),
          account_id: viewer.accountId,
          target_account_id: targetId,
          created_at: Date.now(),
        })
        .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await this.adjustCounts(tx, viewer.accountId, targetId, 1);
      await this.timelines.mergeAuthor(tx, viewer.accountId, targetId);
      await this.notifications.create(tx, {
        accountId: targetId,
        fromAccountId: viewer.accountId,
        type: 'follow',
        statusId: null,
      });
    });
    return this.relationship(viewer.accountId, targetId);
  }

  async unfollow(viewer: Viewer, targetId: number): Promise<Relationship> {
    await this.assertTarget(viewer, targetId);
    await this.database.transaction((tx) => this.removeFollow(tx, viewer.accountId, targetId));
    return this.relationship(viewer.accountId, targetId);
  }

  /** Inside the caller's transaction (an unfollow, or a block cutting follows both ways): ends a follow if there is one. */
  async removeFollow(tx: Database, followerId: number, targetId: number): Promise<void> {
    tx.assertTransaction();
    const result = await tx.db
      .deleteFrom('follows')
      .where('account_id', '=', followerId)
      .where('target_account_id', '=', targetId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return;
    await this.adjustCounts(tx, followerId, targetId, -1);
    await this.timelines.unmergeAuthor(tx, followerId, targetId);
    // A "followed you" notice from someone who no longer does would mislead.
    const notice = {
      accountId: targetId,
      fromAccountId: followerId,
      type: 'follow',
      statusId: null,
    } as const;
    await this.notifications.retract(tx, notice);
  }

  /**
   * Relationships between `accountId` and each of `ids`, in the order asked, one per id. With
   * `blocks: false` only the follows are read (for callers that need nothing else, like hydration).
   */
  async relationships(accountId: number, ids: number[], options: { blocks?: boolean } = {}): Promise<Relationship[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const [outgoing, incoming] = await Promise.all([
      this.database.db
        .selectFrom('follows')
        .select('target_account_id as id')
        .where('account_id', '=', accountId)
        .where('target_account_id', 'in', unique)
        .execute(),
      this.database.db
        .selectFrom('follows')
        .select('account_id as id')
        .where('target_account_id', '=', accountId)
        .where('account_id', 'in', unique)
        .execute(),
    ]);
    const following = new Set(outgoing.map((r) => r.id));
    const followedBy = new Set(incoming.map((r) => r.id));
    const flags =
      this.blockRelations && options.blocks !== false
        ? await this.blockRelations.relationFlags(accountId, unique)
        : null;
    return unique.map((id) => ({
      id,
      following: following.has(id),
      followedBy: followedBy.has(id),
      ...flags?.get(id),
    }));
  }

  async relationship(accountId: number, targetId: number): Promise<Relationship> {
    const [relationship] = await this.relationships(accountId, [targetId]);
    return relationship!;
  }

  /** Who follows `accountId`, newest follow first (suspended followers left out). */
  async followers(viewer: Viewer | null, accountId: number, page: PageRequest): Promise<FollowPage> {
    await this.accounts.get(viewer, accountId);
    return this.page('followers', accountId, page);
  }

  /** Whom `accountId` follows, newest follow first. */
  async following(viewer: Viewer | null, accountId: number, page: PageRequest): Promise<FollowPage> {
    await this.accounts.get(viewer, accountId);
    return this.page('following', accountId, page);
  }

  /** Account ids following `accountId` (for features that notify followers). */
  async followerIds(accountId: number): Promise<number[]> {
    const rows = await this.database.db
      .selectFrom('follows')
      .select('account_id')
      .where('target_account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.account_id);
  }

  private async page(
    direction: 'followers' | 'following',
    accountId: number,
    page: PageRequest,
  ): Promise<FollowPage> {
    const [own, other] =
      direction === 'followers'
        ? (['target_account_id', 'account_id'] as const)
        : (['account_id', 'target_account_id'] as const);
    let query = this.database.db
      .selectFrom('follows')
      .innerJoin('accounts', 'accounts.id', `follows.${other}`)
      .select(['follows.id as cursor', `follows.${other} as account`])
      .where(`follows.${own}`, '=', accountId)
      .where('accounts.suspended_at', 'is', null);
    if (page.maxId !== null) query = query.where('follows.id', '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.where('follows.id', '>', lower);
    const rows = finishPage(
      await query.orderBy('follows.id', pageOrder(page)).limit(page.limit).execute(),
      page,
    );
    return { accountIds: rows.map((r) => r.account), cursors: rows.map((r) => r.cursor) };
  }

  private async assertTarget(viewer: Viewer, targetId: number): Promise<void> {
    if (targetId === viewer.accountId)
      throw new AppError('unprocessable', 'You cannot follow yourself', { field: 'id' });
    await this.accounts.get(viewer, targetId);
  }

  private async adjustCounts(
    tx: Database,
    accountId: number,
    targetId: number,
    delta: 1 | -1,
  ): Promise<void> {
    await tx.db
      .updateTable('accounts')
      .set((eb) => ({ following_count: eb('following_count', '+', delta) }))
      .where('id', '=', accountId)
      .execute();
    await tx.db
      .updateTable('accounts')
      .set((eb) => ({ followers_count: eb('followers_count', '+', delta) }))
      .where('id', '=', targetId)
      .execute();
  }
}
