/**
 * Registers the OAuth 2 authorization server's routes in a scope of their own, whose error handler
 * answers OAuth errors the way OAuth clients expect (`{ error, error_description }`) and renders
 * HTML for the pages people see.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../domain/errors.js';
import { OAuthError } from '../../../services/oauth/errors.js';
import { errorHandler } from '../../errors.js';
import { errorPage } from '../../pages/oauth-pages.js';
import type { App } from '../../types.js';
import { registerAppsRoutes } from './apps.js';
import { registerAuthorizeRoutes } from './authorize.js';
import { registerAuthorizedAppsRoutes } from './authorized-apps.js';
import { registerMetadataRoute } from './metadata.js';
import { sendPage } from './pages.js';
import { registerRevokeRoute } from './revoke.js';
import { registerTokenRoute } from './token.js';

const PAGES = new Set(['/oauth/authorize', '/oauth/sign_in']);

export function registerOAuthRoutes(app: App, ctx: AppContext): void {
  void app.register(async (scope: App) => {
    scope.setErrorHandler(oauthErrorHandler);
    registerAppsRoutes(scope, ctx);
    registerAuthorizeRoutes(scope, ctx);
    registerTokenRoute(scope, ctx);
    registerRevokeRoute(scope, ctx);
    registerMetadataRoute(scope, ctx);
    registerAuthorizedAppsRoutes(scope, ctx);
  });
}

function oauthErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof OAuthError) {
    if (error.error === 'invalid_client' && /^Basic\s/i.test(request.headers.authorization ?? '')) {
      void reply.header('www-authenticate', 'Basic realm="Roost"');
    }
    void reply
      .status(error.status)
      .header('cache-control', 'no-store')
      .send({ error: error.error, error_description: error.description });
    return;
  }
  // Domain errors (such as the cross-site refusal) keep Roost's JSON shape; the rest become a page.
  if (PAGES.has(request.routeOptions.url ?? '') && !(error instanceof AppError)) {
    const status = (error as FastifyError).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message =
      status === 429
        ? 'Too many attempts. Wait a few minutes and try again.'
        : status >= 500
          ? 'Something went wrong on our side.'
          : 'The request is malformed.';
    void sendPage(reply, status, errorPage('Sign-in problem', message));
    return;
  }
  errorHandler(error, request, reply);
}
