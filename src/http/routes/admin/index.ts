/** Routes for admin. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerAdminRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
