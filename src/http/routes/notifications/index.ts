/** Routes for notifications. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerNotificationsRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
