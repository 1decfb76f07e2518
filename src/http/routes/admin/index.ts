/** Administration of people: what admins change about an account. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerUpdateAccount } from './update-account.js';

export function registerAdminRoutes(app: App, ctx: AppContext): void {
  registerUpdateAccount(app, ctx);
}
