/** Routes for streaming. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';

export function registerStreamingRoutes(app: App, ctx: AppContext): void {
  void app;
  void ctx;
}
