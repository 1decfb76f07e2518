/** Registers every route module. Each feature's routes live in their own folder. */
import type { AppContext } from '../../context.js';
import type { App } from '../types.js';
import { registerAccountsRoutes } from './accounts/index.js';
import { registerAdminRoutes } from './admin/index.js';
import { registerAuthRoutes } from './auth/index.js';
import { registerAuditRoutes } from './audit/index.js';
import { registerBrandsRoutes } from './brands/index.js';
import { registerTwoFactorRoutes } from './two-factor/index.js';
import { registerInstanceRoutes } from './instance/index.js';
import { registerNotificationsRoutes } from './notifications/index.js';
import { registerOAuthRoutes } from './oauth/index.js';
import { registerSearchRoutes } from './search/index.js';
import { registerModerationRoutes } from './moderation/index.js';
import { registerScreeningRoutes } from './screening/index.js';
import { registerStatusesRoutes } from './statuses/index.js';
import { registerStreamingRoutes } from './streaming/index.js';
import { registerTagsRoutes } from './tags/index.js';
import { registerTimelinesRoutes } from './timelines/index.js';
import { registerAnnouncementsRoutes } from './announcements/index.js';
import { registerConversationsRoutes } from './conversations/index.js';
import { registerCustomEmojisRoutes } from './custom-emojis/index.js';
import { registerFiltersRoutes } from './filters/index.js';
import { registerFollowRequestsRoutes } from './follow-requests/index.js';
import { registerListsRoutes } from './lists/index.js';
import { registerMediaRoutes } from './media/index.js';
import { registerPreferencesRoutes } from './preferences/index.js';
import { registerReportsRoutes } from './reports/index.js';
import { registerTrendsRoutes } from './trends/index.js';
import { registerBlocksRoutes } from './blocks/index.js';
import { registerScheduledStatusesRoutes } from './scheduled-statuses/index.js';

/**
 * A process serves what its roles say (ROOST_ROLES): `stream` serves the streaming API, `web` the
 * rest of the API and the web app; every process answers the instance and health routes.
 */
export async function registerRoutes(app: App, ctx: AppContext): Promise<void> {
  registerInstanceRoutes(app, ctx);
  if (ctx.config.roles.stream) registerStreamingRoutes(app, ctx);
  if (!ctx.config.roles.web) return;
  registerAuthRoutes(app, ctx);
  registerTwoFactorRoutes(app, ctx);
  registerBrandsRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerAccountsRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerStatusesRoutes(app, ctx);
  registerScreeningRoutes(app, ctx);
  registerModerationRoutes(app, ctx);
  registerTagsRoutes(app, ctx);
  registerTimelinesRoutes(app, ctx);
  registerNotificationsRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerOAuthRoutes(app, ctx);
  registerMediaRoutes(app, ctx);
  registerListsRoutes(app, ctx);
  registerFiltersRoutes(app, ctx);
  registerReportsRoutes(app, ctx);
  registerAnnouncementsRoutes(app, ctx);
  registerTrendsRoutes(app, ctx);
  registerConversationsRoutes(app, ctx);
  registerPreferencesRoutes(app, ctx);
  registerCustomEmojisRoutes(app);
  registerFollowRequestsRoutes(app, ctx);
  registerBlocksRoutes(app, ctx);
  registerScheduledStatusesRoutes(app, ctx);
}
