/** Routes for tags. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerTagsRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
