/** Filters: v2 filters with their keywords and posts, and the read-only v1 view. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerFilterCrud } from './filters.js';
import { registerFilterKeywords } from './keywords.js';
import { registerFilterStatuses } from './statuses.js';
import { registerV1Filters } from './v1.js';

export function registerFiltersRoutes(app: App, ctx: AppContext): void {
  registerFilterCrud(app, ctx);
  registerFilterKeywords(app, ctx);
  registerFilterStatuses(app, ctx);
  registerV1Filters(app, ctx);
}
