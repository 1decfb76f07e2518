/** Notifications: who is told about mentions, replies, likes, reshares and follows. */
import type { Database } from '../../db/database.js';
import type { NotificationType } from '../../db/schema.js';

export interface NewNotification {
  accountId: number;
  fromAccountId: number;
  type: NotificationType;
  statusId: number | null;
}

export class Notifications {
  constructor(private readonly database: Database) {}

  /** Inside the causing change's transaction. Nobody is notified of their own actions. */
  async create(tx: Database, notification: NewNotification): Promise<void> {
    void this.database;
    void tx;
    void notification;
    throw new Error('not implemented');
  }
}
