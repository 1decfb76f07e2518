/** POST /api/v1/apps (register a client) and GET /api/v1/apps/verify_credentials (which app is this token?). */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { UnauthorizedError, ValidationError } from '../../../domain/errors.js';
import type { OAuthApplication } from '../../../services/oauth/applications.js';
import type { App } from '../../types.js';
import { presentApplication, presentCredentialApplication } from './presenters.js';
import { parseFields, readFields } from './request-fields.js';

const StringOrList = z.union([z.string(), z.array(z.string())]);

const RegisterApplication = z.object({
  client_name: z.string({ error: 'is required' }),
  redirect_uris: StringOrList.optional(),
  scopes: StringOrList.optional().nullable(),
  website: z.string().optional().nullable(),
});

export function registerAppsRoutes(app: App, ctx: AppContext): void {
  const { oauth } = ctx.services;

  app.post(
    '/api/v1/apps',
    { config: { rateLimit: { max: 60, timeWindow: '10 minutes' } } },
    async (request) => {
      const input = parseFields(RegisterApplication, await readFields(request));
      if (input.redirect_uris === undefined) throw new ValidationError('redirect_uris', 'is required');
      const { application, clientSecret } = await oauth.applications.register({
        name: input.client_name,
        redirectUris: input.redirect_uris,
        scopes: input.scopes ?? null,
        website: input.website ?? null,
      });
      return presentCredentialApplication(application, clientSecret);
    },
  );

  app.get('/api/v1/apps/verify_credentials', async (request) => {
    const application = await applicationOf(request, ctx);
    if (!application) throw new UnauthorizedError('The access token is invalid');
    return presentApplication(application);
  });
}

/** The application behind the request's token: a person's OAuth token or an app-only token. */
async function applicationOf(request: FastifyRequest, ctx: AppContext): Promise<OAuthApplication | null> {
  const { oauth } = ctx.services;
  const viewer = request.viewer;
  if (viewer)
    return viewer.credential.kind === 'token' ? oauth.applicationForAccessToken(viewer.credential.id) : null;
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  const appToken = match ? await oauth.applicationForAppToken(match[1]!) : null;
  return appToken?.application ?? null;
}
