/** Routes for accounts. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerAccountsRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
