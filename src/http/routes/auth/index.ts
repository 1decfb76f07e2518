/** Routes for auth. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerAuthRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
