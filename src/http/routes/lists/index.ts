/** Lists: the viewer's lists, their members, their timelines, and which lists hold a person. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerAccountLists } from './account-lists.js';
import { registerListCrud } from './crud.js';
import { registerListMembers } from './members.js';
import { registerListTimeline } from './timeline.js';

export function registerListsRoutes(app: App, ctx: AppContext): void {
  registerListCrud(app, ctx);
  registerListMembers(app, ctx);
  registerListTimeline(app, ctx);
  registerAccountLists(app, ctx);
}
