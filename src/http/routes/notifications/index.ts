/** Notifications and the read markers that count them as unread. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerNotificationList } from './list.js';
import { registerMarkers } from './markers.js';
import { registerSingleNotification } from './single.js';

export function registerNotificationsRoutes(app: App, ctx: AppContext): void {
  registerNotificationList(app, ctx);
  registerSingleNotification(app, ctx);
  registerMarkers(app, ctx);
}
