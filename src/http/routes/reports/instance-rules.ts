/** GET /api/v1/instance/rules: the organization's rules, which reports may cite (none configured yet). */
import type { AppContext } from '../../../context.js';
import { presentRule } from '../../presenters/report.js';
import type { App } from '../../types.js';

export function registerInstanceRules(app: App, ctx: AppContext): void {
  app.get('/api/v1/instance/rules', async () => ctx.services.reports.instanceRules().map(presentRule));
}
