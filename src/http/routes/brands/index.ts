/** Brand accounts and their line of authority: /api/roost/v1/brands/… (and the outbound allow-list). */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerAllowlist } from './allowlist.js';
import { registerBrandResources } from './brands.js';
import { registerCalendar } from './calendar.js';
import { registerConnectors } from './connectors.js';
import { registerDeliveries } from './deliveries.js';
import { registerDrafts } from './drafts.js';
import { registerMembers } from './members.js';
import { registerPause } from './pause.js';
import { registerTransitions } from './transitions.js';
import { registerWorkflow } from './workflow.js';

export function registerBrandsRoutes(app: App, ctx: AppContext): void {
  registerBrandResources(app, ctx);
  registerMembers(app, ctx);
  registerWorkflow(app, ctx);
  registerPause(app, ctx);
  registerCalendar(app, ctx);
  registerDrafts(app, ctx);
  registerTransitions(app, ctx);
  registerConnectors(app, ctx);
  registerDeliveries(app, ctx);
  registerAllowlist(app, ctx);
}
