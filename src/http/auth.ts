/**
 * Authentication: a bearer token or the session cookie becomes `request.viewer`. Routes then ask
 * for what they need with `requireViewer` and `requireScope`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../domain/errors.js';
import type { Services } from '../services/index.js';
import { hasScope, type Viewer } from '../services/auth/viewer.js';

export const SESSION_COOKIE = 'roost_session';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export function registerAuthentication(app: FastifyInstance, services: Services): void {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    // Basic credentials are an OAuth client authenticating to /oauth/token or /oauth/revoke, not a person.
    if (header && !/^Basic\s/i.test(header)) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const viewer = match ? await services.credentials.viewerFromToken(match[1]!) : null;
      // An app-only (client_credentials) token names an application, not a person: the request goes
      // on without a viewer, so only the application endpoints (GET /api/v1/apps/verify_credentials) serve it.
      if (!viewer && match && (await services.oauth.applicationForAppToken(match[1]!))) return;
      if (!viewer) throw new UnauthorizedError('The access token is invalid');
      request.viewer = viewer;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const viewer = await services.credentials.viewerFromSession(cookie);
      if (viewer && isUnsafe(request.method) && !sameOrigin(request)) {
        throw new ForbiddenError('Cross-site request refused');
      }
      request.viewer = viewer;
    }
  });
}

/**
 * The signed-in viewer, or a 401. Pass the scope the route needs (Mastodon's names, e.g.
 * `write:statuses`), or several of which any one will do.
 */
export function requireViewer(request: FastifyRequest, scope?: string | readonly string[]): Viewer {
  const viewer = request.viewer;
  if (!viewer) throw new UnauthorizedError('This method requires an authenticated user');
  const anyOf = scope === undefined ? [] : typeof scope === 'string' ? [scope] : scope;
  if (anyOf.length > 0 && !anyOf.some((s) => hasScope(viewer.scopes, s))) {
    throw new ForbiddenError(`This action is outside the authorized scopes (needs ${anyOf.join(' or ')})`);
  }
  return viewer;
}

export function requireAdmin(request: FastifyRequest, scope = 'admin:write'): Viewer {
  const viewer = requireViewer(request, scope);
  if (viewer.role !== 'admin') throw new ForbiddenError('Only administrators may do this');
  return viewer;
}

function isUnsafe(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/** Cookie-authenticated writes must come from our own pages: SameSite=Lax plus an Origin check. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
