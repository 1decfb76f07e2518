/** POST /api/roost/v1/auth/sign_out: ends the current session and clears the cookie (204 even when signed out). */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { clearSessionCookie } from './session-cookie.js';

export function registerSignOut(app: App, ctx: AppContext): void {
  app.post('/api/roost/v1/auth/sign_out', async (request, reply) => {
    const credential = request.viewer?.credential;
    if (credential?.kind === 'session') await ctx.services.credentials.endSession(credential.id);
    clearSessionCookie(reply, ctx.config);
    return reply.status(204).send();
  });
}
