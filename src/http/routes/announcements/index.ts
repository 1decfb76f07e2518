/** Announcements: what people see and react to, and the administrators' editing. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerAdminAnnouncements } from './admin.js';
import { registerAnnouncements } from './public.js';

export function registerAnnouncementsRoutes(app: App, ctx: AppContext): void {
  registerAnnouncements(app, ctx);
  registerAdminAnnouncements(app, ctx);
}
