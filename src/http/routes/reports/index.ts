/** Reports: filing them, the moderators' queue, and the rules they cite. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerFileReport } from './file-report.js';
import { registerInstanceRules } from './instance-rules.js';
import { registerModerationReports } from './moderation.js';

export function registerReportsRoutes(app: App, ctx: AppContext): void {
  registerFileReport(app, ctx);
  registerModerationReports(app, ctx);
  registerInstanceRules(app, ctx);
}
