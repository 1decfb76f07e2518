/**
 * POST /api/roost/v1/auth/sign_in: username or email plus password → session cookie and the
 * CredentialAccount. Failed attempts are limited per login and per address; successful ones are
 * not counted, so people who know their password are never locked out by a colleague's typos.
 * With two-factor sign-in enabled, `otp` is required too (401 `otp_required` without it).
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../domain/errors.js';
import type { App } from '../../types.js';
import { credentialAccount } from './credential-account.js';
import { setSessionCookie } from './session-cookie.js';

const WINDOW = 5 * 60 * 1000;
export const SIGN_IN_FAILURES_PER_LOGIN = 10;
export const SIGN_IN_FAILURES_PER_ADDRESS = 30;

const body = z.object({
  login: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  /** With two-factor sign-in: the authenticator's code or a recovery code. */
  otp: z.string().max(40).optional(),
});

function loginKey(request: FastifyRequest): string {
  const parsed = body.safeParse(request.body);
  return `sign-in:login:${parsed.success ? parsed.data.login.toLowerCase() : ''}`;
}

export function registerSignIn(app: App, ctx: AppContext): void {
  const perLogin = app.createRateLimit({
    max: SIGN_IN_FAILURES_PER_LOGIN,
    timeWindow: WINDOW,
    keyGenerator: loginKey,
  });
  const perAddress = app.createRateLimit({
    max: SIGN_IN_FAILURES_PER_ADDRESS,
    timeWindow: WINDOW,
    keyGenerator: (request) => `sign-in:ip:${request.ip}`,
  });

  app.post('/api/roost/v1/auth/sign_in', { schema: { body } }, async (request, reply) => {
    const limits = await Promise.all([
      perLogin(request, { increment: false }),
      perAddress(request, { increment: false }),
    ]);
    const blocked = limits.find((l) => !l.isAllowed && l.remaining === 0);
    if (blocked && !blocked.isAllowed) {
      void reply.header('retry-after', String(blocked.ttlInSeconds));
      throw new AppError('rate_limited', 'Too many failed sign-in attempts; try again later', {
        retry_after: blocked.ttlInSeconds,
      });
    }
    const signedIn = await ctx.services.credentials
      .signIn(request.body.login, request.body.password, request.headers['user-agent'] ?? '')
      .then(async (session) => {
        // The password was right; with two-factor on, the session stands only with a valid code.
        await ctx.services.twoFactor.requireSecondFactor(session.userId, request.body.otp, () =>
          ctx.services.credentials.endSession(session.sessionId),
        );
        return session;
      })
      .catch(async (error: unknown) => {
        // Asking for the code is not a failed attempt; a wrong code is.
        if (!(error instanceof AppError && error.code === 'otp_required')) await Promise.all([perLogin(request), perAddress(request)]);
        throw error;
      });
    setSessionCookie(reply, signedIn.secret, ctx.config);
    return { account: await credentialAccount(ctx, signedIn.accountId) };
  });
}
