/** POST /api/roost/v1/auth/link: consumes a one-time sign-in link (404 used or unknown, 410 expired) and signs in. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { credentialAccount } from './credential-account.js';
import { linkErrorHandler } from './link-errors.js';
import { setSessionCookie } from './session-cookie.js';

const body = z.object({ token: z.string().min(1).max(200) });

export function registerLinkSignIn(app: App, ctx: AppContext): void {
  app.post(
    '/api/roost/v1/auth/link',
    {
      schema: { body },
      errorHandler: linkErrorHandler,
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const signedIn = await ctx.services.credentials.signInWithLink(
        request.body.token,
        request.headers['user-agent'] ?? '',
      );
      setSessionCookie(reply, signedIn.secret, ctx.config);
      return { account: await credentialAccount(ctx, signedIn.accountId) };
    },
  );
}
