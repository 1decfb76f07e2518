/** GET /api/roost/v1/authorized_apps and DELETE …/:id: the applications a person authorized, and taking one back. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';
import { presentAuthorizedApp } from './presenters.js';

export function registerAuthorizedAppsRoutes(app: App, ctx: AppContext): void {
  const { oauth } = ctx.services;

  app.get('/api/roost/v1/authorized_apps', async (request) => {
    const viewer = requireViewer(request, 'read:accounts');
    const apps = await oauth.revocation.authorizedApps(viewer.userId);
    return apps.map(presentAuthorizedApp);
  });

  app.delete(
    '/api/roost/v1/authorized_apps/:id',
    { schema: { params: z.object({ id: z.string() }) } },
    async (request, reply) => {
      const viewer = requireViewer(request, 'write:accounts');
      const id = parseId(request.params.id);
      if (id === null) throw new NotFoundError('Authorized application');
      await oauth.revocation.revokeAuthorization(viewer.userId, id);
      return reply.status(204).send();
    },
  );
}
