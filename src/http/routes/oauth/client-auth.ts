/**
 * Client authentication at the token and revocation endpoints: `client_secret_basic` (HTTP Basic,
 * credentials form-encoded as RFC 6749 §2.3.1 says) or `client_secret_post` (fields in the body).
 */
import type { FastifyRequest } from 'fastify';
import { OAuthError } from '../../../services/oauth/errors.js';

export interface ClientCredentials {
  clientId: string | undefined;
  clientSecret: string | undefined;
}

export function clientCredentials(
  request: FastifyRequest,
  fields: { client_id?: string; client_secret?: string },
): ClientCredentials {
  const header = request.headers.authorization;
  const basic = header ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header) : null;
  if (!basic) return { clientId: fields.client_id, clientSecret: fields.client_secret };
  if (fields.client_secret !== undefined) {
    throw new OAuthError('invalid_request', 'Use one client authentication method, not both.');
  }
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', 'The Basic credentials are malformed.');
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new OAuthError('invalid_client', 'The Basic credentials are malformed.');
  }
}
