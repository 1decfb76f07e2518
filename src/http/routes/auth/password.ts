/**
 * POST /api/roost/v1/auth/password: sets a new password and ends every other session. Needs the
 * current password, unless the person has none yet (signed in by a one-time link). Only a
 * session may do this: a leaked app token must not be enough to take over the login.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { ForbiddenError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';

const body = z.object({
  current_password: z.string().max(1000).optional(),
  new_password: z.string().max(1000),
});

export function registerPassword(app: App, ctx: AppContext): void {
  app.post('/api/roost/v1/auth/password', { schema: { body } }, async (request, reply) => {
    const viewer = requireViewer(request, 'write:accounts');
    if (viewer.credential.kind !== 'session')
      throw new ForbiddenError('Changing the password needs a signed-in session, not a token');
    await ctx.services.credentials.changePassword(
      viewer,
      request.body.current_password || undefined,
      request.body.new_password,
    );
    return reply.status(204).send();
  });
}
