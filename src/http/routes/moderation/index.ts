/** Moderation of posts held by screening: the queue and the release and removal decisions. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerDecisionRoutes } from './decisions.js';
import { registerQueueRoute } from './queue.js';

export function registerModerationRoutes(app: App, ctx: AppContext): void {
  registerQueueRoute(app, ctx);
  registerDecisionRoutes(app, ctx);
}
