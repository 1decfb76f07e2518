/**
 * Loads what notifications show (the actor, the post for this viewer) and presents them. A
 * notification whose post the viewer can no longer see is left out, as Mastodon does.
 */
import type { AppContext } from '../../../context.js';
import type { Notification } from '../../../db/schema.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import { presentAccount } from '../../presenters/account.js';
import { presentNotification } from '../../presenters/notification.js';
import { presentStatus } from '../../presenters/status.js';

export async function presentNotifications(ctx: AppContext, viewer: Viewer, rows: Notification[]) {
  const statusIds = rows.map((n) => n.status_id).filter((id): id is number => id !== null);
  const [accounts, statuses] = await Promise.all([
    ctx.services.accounts.hydrate(rows.map((n) => n.from_account_id)),
    ctx.services.posts.hydrate(viewer, [...new Set(statusIds)]),
  ]);
  const statusById = new Map(statuses.map((s) => [s.id, s]));
  const presented = [];
  for (const row of rows) {
    const account = accounts.get(row.from_account_id);
    if (!account) continue;
    let status = row.status_id === null ? null : statusById.get(row.status_id);
    if (status === undefined) continue;
    // A reshare notification shows the post that was reshared, as in Mastodon.
    if (status !== null && row.type === 'reblog' && status.reblog) status = status.reblog;
    presented.push(
      presentNotification(
        row,
        presentAccount(account, ctx),
        status === null ? null : presentStatus(status, ctx),
      ),
    );
  }
  return presented;
}
