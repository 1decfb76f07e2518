/**
 * POST /oauth/token: the authorization_code, refresh_token and client_credentials grants. The
 * password grant is refused: people type their password only into Roost's own pages.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { OAuthError } from '../../../services/oauth/errors.js';
import type { App } from '../../types.js';
import { clientCredentials } from './client-auth.js';
import { presentToken } from './presenters.js';
import { readFields } from './request-fields.js';

const Scope = z.union([z.string(), z.array(z.string()).transform((list) => list.join(' '))]);

const TokenRequest = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
  scope: Scope.optional(),
});

const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'] as const;

export function registerTokenRoute(app: App, ctx: AppContext): void {
  const { oauth } = ctx.services;

  app.post(
    '/oauth/token',
    {
      config: {
        // Keyed by client as well as address, so one misbehaving app does not lock out the rest.
        rateLimit: {
          max: 30,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${clientIdOf(request.body)}`,
        },
      },
    },
    async (request, reply) => {
      const parsed = TokenRequest.safeParse(await readFields(request));
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.join('.') ?? 'body';
        throw new OAuthError('invalid_request', `The ${field} parameter is malformed.`);
      }
      const fields = parsed.data;
      if (!fields.grant_type) throw new OAuthError('invalid_request', 'The grant_type parameter is missing.');
      const grant = GRANTS.find((g) => g === fields.grant_type);
      if (!grant)
        throw new OAuthError(
          'unsupported_grant_type',
          'The authorization grant type is not supported by the authorization server.',
        );
      const { clientId, clientSecret } = clientCredentials(request, fields);
      const client = await oauth.applications.authenticate(clientId, clientSecret);
      const token =
        grant === 'authorization_code'
          ? await oauth.grants.exchangeCode(client, {
              code: fields.code,
              redirectUri: fields.redirect_uri,
              codeVerifier: fields.code_verifier,
            })
          : grant === 'refresh_token'
            ? await oauth.grants.refresh(client, { refreshToken: fields.refresh_token, scope: fields.scope })
            : await oauth.grants.clientCredentials(client, { scope: fields.scope });
      void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      return presentToken(token);
    },
  );
}

function clientIdOf(body: unknown): string {
  if (body !== null && typeof body === 'object' && 'client_id' in body && typeof body.client_id === 'string')
    return body.client_id.slice(0, 100);
  return '';
}
