/** Routes for timelines. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerTimelinesRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
