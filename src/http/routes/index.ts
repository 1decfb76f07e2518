/** Registers every route module. Each feature's routes live in their own folder. */
import type { AppContext } from '../../context.js';
import type { App } from '../types.js';
import { registerAccountsRoutes } from './accounts/index.js';
import { registerAdminRoutes } from './admin/index.js';
import { registerAuthRoutes } from './auth/index.js';
import { registerInstanceRoutes } from './instance/index.js';
import { registerNotificationsRoutes } from './notifications/index.js';
import { registerOAuthRoutes } from './oauth/index.js';
import { registerSearchRoutes } from './search/index.js';
import { registerStatusesRoutes } from './statuses/index.js';
import { registerStreamingRoutes } from './streaming/index.js';
import { registerTagsRoutes } from './tags/index.js';
import { registerTimelinesRoutes } from './timelines/index.js';

export async function registerRoutes(app: App, ctx: AppContext): Promise<void> {
  registerInstanceRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerAccountsRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerStatusesRoutes(app, ctx);
  registerTagsRoutes(app, ctx);
  registerTimelinesRoutes(app, ctx);
  registerNotificationsRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerStreamingRoutes(app, ctx);
  registerOAuthRoutes(app, ctx);
}
