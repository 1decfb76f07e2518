/** POST /oauth/revoke (RFC 7009): a client gives back one of its tokens. Answers `{}` even for unknown tokens. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { OAuthError } from '../../../services/oauth/errors.js';
import type { App } from '../../types.js';
import { clientCredentials } from './client-auth.js';
import { readFields } from './request-fields.js';

const RevokeRequest = z.object({
  token: z.string().optional(),
  token_type_hint: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

export function registerRevokeRoute(app: App, ctx: AppContext): void {
  const { oauth } = ctx.services;

  app.post(
    '/oauth/revoke',
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request) => {
      const parsed = RevokeRequest.safeParse(await readFields(request));
      if (!parsed.success) throw new OAuthError('invalid_request', 'The request is malformed.');
      const { clientId, clientSecret } = clientCredentials(request, parsed.data);
      const client = await oauth.applications.authenticate(clientId, clientSecret);
      await oauth.revocation.revokeToken(client, parsed.data.token);
      return {};
    },
  );
}
