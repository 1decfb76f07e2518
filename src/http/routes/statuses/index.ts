/** Routes for statuses. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerStatusesRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
