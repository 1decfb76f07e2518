/** GET /api/v1/instance, /api/v2/instance and /api/roost/v1/health: what this server is and allows. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { presentInstanceV1, presentInstanceV2 } from '../../presenters/instance.js';

export function registerInstanceRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/instance', async () => presentInstanceV1(ctx.config));
  app.get('/api/v2/instance', async () => presentInstanceV2(ctx.config));
  app.get('/api/roost/v1/health', async () => ({ status: 'ok', database: ctx.database.dialect }));
}
