/**
 * Invites: admins create and list them; anyone holding a link may view it and accept it once.
 * GET/POST /api/roost/v1/invites, GET /api/roost/v1/invites/:token, POST …/:token/accept.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { Invite } from '../../../services/auth/invites.js';
import { requireAdmin } from '../../auth.js';
import type { App } from '../../types.js';
import { credentialAccount } from './credential-account.js';
import { linkErrorHandler } from './link-errors.js';
import { setSessionCookie } from './session-cookie.js';

const role = z.enum(['admin', 'moderator', 'member']);
const createBody = z.object({ email: z.string().max(320), role: role.optional() });
const tokenParams = z.object({ token: z.string().min(1).max(200) });
const acceptBody = z.object({
  username: z.string().max(100),
  display_name: z.string().max(1000).optional(),
  password: z.string().max(1000),
});

function presentInvite(invite: Invite, now: number) {
  return {
    id: String(invite.id),
    email: invite.email,
    role: invite.role,
    created_at: new Date(invite.createdAt).toISOString(),
    expires_at: new Date(invite.expiresAt).toISOString(),
    used_at: invite.usedAt === null ? null : new Date(invite.usedAt).toISOString(),
    state: invite.usedAt !== null ? 'used' : invite.expiresAt <= now ? 'expired' : 'pending',
  };
}

export function inviteUrl(baseUrl: string, secret: string): string {
  return `${baseUrl}/invite/${secret}`;
}

export function registerInvites(app: App, ctx: AppContext): void {
  app.post('/api/roost/v1/invites', { schema: { body: createBody } }, async (request) => {
    const viewer = requireAdmin(request);
    const invite = await ctx.services.invites.create(viewer.userId, request.body);
    return { ...presentInvite(invite, Date.now()), url: inviteUrl(ctx.config.baseUrl, invite.secret) };
  });

  app.get('/api/roost/v1/invites', async (request) => {
    requireAdmin(request, 'admin:read');
    const now = Date.now();
    return (await ctx.services.invites.list()).map((invite) => presentInvite(invite, now));
  });

  app.get(
    '/api/roost/v1/invites/:token',
    {
      schema: { params: tokenParams },
      errorHandler: linkErrorHandler,
      config: { rateLimit: { max: 60, timeWindow: 60_000 } },
    },
    async (request) => {
      const invite = await ctx.services.invites.inspect(request.params.token);
      return { email: invite.email, role: invite.role, expires_at: new Date(invite.expiresAt).toISOString() };
    },
  );

  app.post(
    '/api/roost/v1/invites/:token/accept',
    {
      schema: { params: tokenParams, body: acceptBody },
      errorHandler: linkErrorHandler,
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const { username, display_name, password } = request.body;
      const signedIn = await ctx.services.invites.accept(
        request.params.token,
        { username, displayName: display_name, password },
        request.headers['user-agent'] ?? '',
      );
      setSessionCookie(reply, signedIn.secret, ctx.config);
      return { account: await credentialAccount(ctx, signedIn.accountId) };
    },
  );
}
