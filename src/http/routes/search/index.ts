/** Routes for search. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerSearchRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
