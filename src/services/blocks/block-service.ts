/**
 * Blocks and mutes, as Mastodon has them. A block cuts two people off from each other: follows end
 * both ways, neither sees the other's posts in any list or stream, and neither is notified by the
 * other. A mute is one-sided and quiet: the muted person's posts leave the muter's timelines and,
 * when asked, their notifications too; it may expire. The read-path exclusions live in SQL
 * (src/services/timelines/visible-sql.ts) so every list applies them.
 */
import type { Database } from '../../db/database.js';
import { AppError, ForbiddenError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { finishPage, lowerBound, pageOrder, type PageRequest } from '../../domain/pagination.js';
import type { Accounts } from '../accounts/account-service.js';
import type { Viewer } from '../auth/viewer.js';
import type { BlockRelations, Follows } from '../follows/follow-service.js';

export interface MuteOptions {
  /** Also hide the muted person's notifications (Mastodon's default: true). */
  notifications?: boolean;
  /** Seconds until the mute lifts; 0 or absent: until unmuted. */
  duration?: number;
}

/** A page of blocked or muted accounts, with the row ids that are its cursors. */
export interface RelationPage {
  accountIds: number[];
  cursors: number[];
  /** For mutes: when each one lifts (null: never). */
  expiresAt: Map<number, number | null>;
}

export interface RelationFlags {
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
  mutingNotifications: boolean;
}

/** Longest mute duration accepted (Mastodon has no limit; a year keeps the arithmetic sane). */
const MAX_MUTE_SECONDS = 366 * 24 * 3600;

export class Blocks implements BlockRelations {
  constructor(
    private readonly database: Database,
    private readonly accounts: Accounts,
    private readonly follows: Follows,
  ) {}

  /** Blocks `targetId`: follows between the two end in the same transaction. Idempotent. */
  async block(viewer: Viewer, targetId: number, now = Date.now()): Promise<void> {
    await this.assertTarget(viewer, targetId, 'block');
    await this.database.transaction(async (tx) => {
      await tx.db
        .insertInto('blocks')
        .values({
          id: newId(now),
          account_id: viewer.accountId,
          target_account_id: targetId,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doNothing())
        .execute();
      await this.follows.removeFollow(tx, viewer.accountId, targetId);
      await this.follows.removeFollow(tx, targetId, viewer.accountId);
    });
  }

  async unblock(viewer: Viewer, targetId: number): Promise<void> {
    await this.assertTarget(viewer, targetId, 'unblock');
    await this.database.db
      .deleteFrom('blocks')
      .where('account_id', '=', viewer.accountId)
      .where('target_account_id', '=', targetId)
      .execute();
  }

  /** Mutes `targetId`, or changes an existing mute's options. */
  async mute(viewer: Viewer, targetId: number, options: MuteOptions = {}, now = Date.now()): Promise<void> {
    await this.assertTarget(viewer, targetId, 'mute');
    const duration = options.duration ?? 0;
    if (!Number.isInteger(duration) || duration < 0 || duration > MAX_MUTE_SECONDS) {
      throw new AppError(
        'validation_failed',
        `duration: must be a whole number of seconds up to ${MAX_MUTE_SECONDS}`,
        {
          field: 'duration',
        },
      );
    }
    const values = {
      hide_notifications: options.notifications === false ? 0 : 1,
      expires_at: duration > 0 ? now + duration * 1000 : null,
    };
    await this.database.db
      .insertInto('mutes')
      .values({
        id: newId(now),
        account_id: viewer.accountId,
        target_account_id: targetId,
        created_at: now,
        ...values,
      })
      .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doUpdateSet(values))
      .execute();
  }

  async unmute(viewer: Viewer, targetId: number): Promise<void> {
    await this.assertTarget(viewer, targetId, 'unmute');
    await this.database.db
      .deleteFrom('mutes')
      .where('account_id', '=', viewer.accountId)
      .where('target_account_id', '=', targetId)
      .execute();
  }

  /** Whom the viewer blocks, newest block first. */
  async blocked(viewer: Viewer, page: PageRequest): Promise<RelationPage> {
    return this.page('blocks', viewer.accountId, page, Date.now());
  }

  /** Whom the viewer mutes (unexpired), newest mute first. */
  async muted(viewer: Viewer, page: PageRequest, now = Date.now()): Promise<RelationPage> {
    return this.page('mutes', viewer.accountId, page, now);
  }

  async relationFlags(
    accountId: number,
    ids: number[],
    now = Date.now(),
  ): Promise<Map<number, RelationFlags>> {
    const result = new Map<number, RelationFlags>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return result;
    const db = this.database.db;
    const [blocking, blockedBy, muting] = await Promise.all([
      db
        .selectFrom('blocks')
        .select('target_account_id as id')
        .where('account_id', '=', accountId)
        .where('target_account_id', 'in', unique)
        .execute(),
      db
        .selectFrom('blocks')
        .select('account_id as id')
        .where('target_account_id', '=', accountId)
        .where('account_id', 'in', unique)
        .execute(),
      db
        .selectFrom('mutes')
        .select(['target_account_id as id', 'hide_notifications'])
        .where('account_id', '=', accountId)
        .where('target_account_id', 'in', unique)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .execute(),
    ]);
    const blockingSet = new Set(blocking.map((r) => r.id));
    const blockedBySet = new Set(blockedBy.map((r) => r.id));
    const mutes = new Map(muting.map((r) => [r.id, r.hide_notifications === 1]));
    for (const id of unique) {
      result.set(id, {
        blocking: blockingSet.has(id),
        blockedBy: blockedBySet.has(id),
        muting: mutes.has(id),
        mutingNotifications: mutes.get(id) ?? false,
      });
    }
    return result;
  }

  async assertNotBlocked(accountId: number, targetId: number): Promise<void> {
    if (await this.blockedEitherWay(accountId, targetId)) {
      throw new ForbiddenError('This action is not allowed: one of you blocks the other');
    }
  }

  async blockedEitherWay(a: number, b: number, db: Database = this.database): Promise<boolean> {
    const row = await db.db
      .selectFrom('blocks')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('account_id', '=', a), eb('target_account_id', '=', b)]),
          eb.and([eb('account_id', '=', b), eb('target_account_id', '=', a)]),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  private async page(
    table: 'blocks' | 'mutes',
    accountId: number,
    page: PageRequest,
    now: number,
  ): Promise<RelationPage> {
    let query = this.database.db
      .selectFrom(table)
      .innerJoin('accounts', 'accounts.id', `${table}.target_account_id`)
      .select([`${table}.id as cursor`, `${table}.target_account_id as account`])
      .where(`${table}.account_id`, '=', accountId)
      .where('accounts.suspended_at', 'is', null);
    if (page.maxId !== null) query = query.where(`${table}.id`, '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.where(`${table}.id`, '>', lower);
    const expiresAt = new Map<number, number | null>();
    if (table === 'mutes') {
      const rows = finishPage(
        await query
          .select('mutes.expires_at')
          .where((eb) => eb.or([eb('mutes.expires_at', 'is', null), eb('mutes.expires_at', '>', now)]))
          .orderBy('mutes.id', pageOrder(page))
          .limit(page.limit)
          .execute(),
        page,
      );
      for (const row of rows) expiresAt.set(row.account, row.expires_at);
      return { accountIds: rows.map((r) => r.account), cursors: rows.map((r) => r.cursor), expiresAt };
    }
    const rows = finishPage(
      await query.orderBy(`${table}.id`, pageOrder(page)).limit(page.limit).execute(),
      page,
    );
    return { accountIds: rows.map((r) => r.account), cursors: rows.map((r) => r.cursor), expiresAt };
  }

  private async assertTarget(viewer: Viewer, targetId: number, action: string): Promise<void> {
    if (targetId === viewer.accountId) {
      throw new AppError('unprocessable', `You cannot ${action} yourself`, { field: 'id' });
    }
    await this.accounts.get(viewer, targetId);
  }
}
