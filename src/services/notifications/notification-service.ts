/** Notifications: who is told about mentions, replies, likes, reshares and follows. */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Notification, NotificationType } from '../../db/schema.js';
import type { EventBus } from '../../events/bus.js';
import { NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { finishPage, pageOrder, type PageRequest } from '../../domain/pagination.js';
import type { Viewer } from '../auth/viewer.js';
import type { Markers } from '../markers/marker-service.js';
import { withinPage } from '../timelines/page-sql.js';
import { notBlocked, notMuted, visibleTo } from '../timelines/visible-sql.js';

export interface NewNotification {
  accountId: number;
  fromAccountId: number;
  type: NotificationType;
  statusId: number | null;
}

export interface NotificationFilter {
  /** Stored types to include (empty: all). */
  types: NotificationType[];
  /** Stored types to leave out. */
  excludeTypes: NotificationType[];
  /** Only notifications caused by this account. */
  fromAccountId: number | null;
}

/** What people do to each other: the kinds of notification blocks and mutes silence. */
const SOCIAL_TYPES = new Set<NotificationType>(['mention', 'reply', 'favourite', 'reblog', 'follow', 'status', 'update']);

/** Mastodon's unread count stops here; clients show "1000+". */
const UNREAD_LIMIT = 1000;

export class Notifications {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly markers: Markers,
  ) {}

  /**
   * Inside the causing change's transaction. Nobody is notified of their own actions; likes,
   * reshares and follows notify once; nobody hears from someone across a block, or from someone
   * whose notifications they muted.
   */
  async create(tx: Database, notification: NewNotification): Promise<void> {
    tx.assertTransaction();
    if (notification.accountId === notification.fromAccountId) return;
    if (SOCIAL_TYPES.has(notification.type) && !(await this.mayHear(tx, notification))) return;
    const id = newId();
    const result = await tx.db
      .insertInto('notifications')
      .values({
        id,
        account_id: notification.accountId,
        from_account_id: notification.fromAccountId,
        type: notification.type,
        status_id: notification.statusId,
        created_at: Date.now(),
      })
      // The partial unique index `notifications_once` is what can conflict here.
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return;
    tx.onCommit(() =>
      this.events.publish(`notifications:${notification.accountId}`, {
        type: 'notification.created',
        notificationId: id,
        accountId: notification.accountId,
      }),
    );
  }

  /** Inside the undoing transaction (unfollow, unlike, unreshare): removes the notification it caused, if unread or not. */
  async retract(tx: Database, notification: NewNotification): Promise<void> {
    tx.assertTransaction();
    let query = tx.db
      .deleteFrom('notifications')
      .where('account_id', '=', notification.accountId)
      .where('from_account_id', '=', notification.fromAccountId)
      .where('type', '=', notification.type);
    query =
      notification.statusId === null
        ? query.where('status_id', 'is', null)
        : query.where('status_id', '=', notification.statusId);
    await query.execute();
  }

  /** The viewer's notifications, newest first, leaving out any whose post they may no longer see. */
  async list(viewer: Viewer, filter: NotificationFilter, page: PageRequest): Promise<Notification[]> {
    let query = this.visibleNotifications(viewer).where(withinPage('notifications.id', page));
    if (filter.types.length > 0) query = query.where('notifications.type', 'in', filter.types);
    if (filter.excludeTypes.length > 0)
      query = query.where('notifications.type', 'not in', filter.excludeTypes);
    if (filter.fromAccountId !== null)
      query = query.where('notifications.from_account_id', '=', filter.fromAccountId);
    const rows = await query.orderBy('notifications.id', pageOrder(page)).limit(page.limit).execute();
    return finishPage(rows, page);
  }

  /** One of the viewer's notifications; anybody else's answers 404. */
  async get(viewer: Viewer, id: number): Promise<Notification> {
    const row = await this.find(viewer, id);
    if (!row) throw new NotFoundError('Notification');
    return row;
  }

  async find(viewer: Viewer, id: number): Promise<Notification | null> {
    const row = await this.visibleNotifications(viewer).where('notifications.id', '=', id).executeTakeFirst();
    return row ?? null;
  }

  async dismiss(viewer: Viewer, id: number): Promise<void> {
    const result = await this.database.db
      .deleteFrom('notifications')
      .where('id', '=', id)
      .where('account_id', '=', viewer.accountId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError('Notification');
  }

  async clear(viewer: Viewer): Promise<void> {
    await this.database.db.deleteFrom('notifications').where('account_id', '=', viewer.accountId).execute();
  }

  /** Notifications newer than the viewer's notifications marker, counted up to 1,000. */
  async unreadCount(viewer: Viewer, filter: NotificationFilter): Promise<number> {
    const marker = await this.markers.lastReadId(viewer.accountId, 'notifications');
    let query = this.visibleNotifications(viewer);
    if (marker !== null) query = query.where('notifications.id', '>', marker);
    if (filter.types.length > 0) query = query.where('notifications.type', 'in', filter.types);
    if (filter.excludeTypes.length > 0)
      query = query.where('notifications.type', 'not in', filter.excludeTypes);
    const row = await this.database.db
      .selectFrom(query.limit(UNREAD_LIMIT).as('unread'))
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  private async mayHear(tx: Database, notification: NewNotification): Promise<boolean> {
    const actor = sql<number>`${notification.fromAccountId}`;
    const row = await tx.db
      .selectNoFrom(
        sql<number>`case when ${notBlocked(notification.accountId, actor)} and ${notMuted(notification.accountId, actor, Date.now(), true)} then 1 else 0 end`.as(
          'ok',
        ),
      )
      .executeTakeFirstOrThrow();
    return Number(row.ok) === 1;
  }

  private visibleNotifications(viewer: Viewer) {
    const v = viewer.accountId;
    return this.database.db
      .selectFrom('notifications')
      .selectAll('notifications')
      .where('notifications.account_id', '=', v)
      .where((eb) =>
        eb.or([
          eb('notifications.status_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('statuses')
              .select('statuses.id')
              .whereRef('statuses.id', '=', 'notifications.status_id')
              .where(visibleTo(v, 'statuses')),
          ),
        ]),
      )
      .where(
        sql<SqlBool>`not exists (select 1 from accounts na where na.id = notifications.from_account_id and na.suspended_at is not null)`,
      )
      // Blocks and notification mutes made after a notification arrived hide it too.
      .where(notBlocked(v, sql.ref('notifications.from_account_id')))
      .where(notMuted(v, sql.ref('notifications.from_account_id'), Date.now(), true));
  }
}
