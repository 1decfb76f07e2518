/** Timelines: home, the organization, a hashtag, and one person's posts. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerAccountStatuses } from './account-statuses.js';
import { registerHomeTimeline } from './home.js';
import { registerOrganizationTimeline } from './organization.js';
import { registerTagTimeline } from './tag.js';

export function registerTimelinesRoutes(app: App, ctx: AppContext): void {
  registerHomeTimeline(app, ctx);
  registerOrganizationTimeline(app, ctx);
  registerTagTimeline(app, ctx);
  registerAccountStatuses(app, ctx);
}
