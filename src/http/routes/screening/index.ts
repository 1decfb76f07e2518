/** Screening routes: the admins' versioned policy and the composer's dry run. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerCheckRoutes } from './check.js';
import { registerPolicyRoutes } from './policy.js';

export function registerScreeningRoutes(app: App, ctx: AppContext): void {
  registerPolicyRoutes(app, ctx);
  registerCheckRoutes(app, ctx);
}
