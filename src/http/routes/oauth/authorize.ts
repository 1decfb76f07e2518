/**
 * The authorization endpoint as a person sees it: GET /oauth/authorize shows Roost's sign-in form
 * (when nobody is signed in, or `force_login` asks for it) and then a consent page naming the
 * application and its scopes in plain words; POST /oauth/sign_in signs in; POST /oauth/authorize
 * records the decision and sends the person back to the application with a code or an error.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { AppError, UnauthorizedError } from '../../../domain/errors.js';
import type { SignedIn } from '../../../services/auth/credentials.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import {
  checkAuthorizationRequest,
  type AuthorizationParams,
  type AuthorizationRequest,
} from '../../../services/oauth/authorization-request.js';
import { AuthorizationRequestError } from '../../../services/oauth/errors.js';
import { formActionSource, OOB_REDIRECT_URI, withQuery } from '../../../services/oauth/redirect-uris.js';
import { describeScope } from '../../../services/oauth/scopes.js';
import { SESSION_COOKIE } from '../../auth.js';
import { codePage, consentPage, errorPage, signInPage } from '../../pages/oauth-pages.js';
import type { App } from '../../types.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import { consentToken, newCsrfValue, sameToken, SIGN_IN_CSRF_COOKIE } from './csrf.js';
import { sendPage } from './pages.js';

const AuthorizationQuery = z.object({
  response_type: z.string().optional(),
  client_id: z.string().optional(),
  redirect_uri: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
  force_login: z.string().optional(),
  lang: z.string().optional(),
});

const SignInForm = AuthorizationQuery.extend({
  login: z.string().max(320).default(''),
  password: z.string().max(1000).default(''),
  otp: z.string().max(40).optional(),
  csrf: z.string().optional(),
});

const DecisionForm = AuthorizationQuery.extend({
  decision: z.enum(['approve', 'deny']),
  csrf: z.string().optional(),
});

export function registerAuthorizeRoutes(app: App, ctx: AppContext): void {
  const { oauth, credentials, accounts } = ctx.services;

  async function checked(params: AuthorizationParams): Promise<AuthorizationRequest> {
    const application = params.client_id ? await oauth.applications.byClientId(params.client_id) : null;
    return checkAuthorizationRequest(application, params);
  }

  function showSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    auth: AuthorizationRequest,
    status: number,
    extra: { login?: string; error?: string; askCode?: boolean } = {},
  ) {
    const csrf = request.cookies[SIGN_IN_CSRF_COOKIE] || newCsrfValue();
    void reply.setCookie(SIGN_IN_CSRF_COOKIE, csrf, {
      path: '/oauth',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
    });
    return sendPage(
      reply,
      status,
      signInPage({ applicationName: auth.application.name, params: carried(auth), csrf, ...extra }),
    );
  }

  async function showConsent(reply: FastifyReply, auth: AuthorizationRequest, session: Session) {
    const account = (await accounts.hydrate([session.viewer.accountId])).get(session.viewer.accountId);
    const html = consentPage({
      applicationName: auth.application.name,
      website: auth.application.website,
      username: account?.username ?? '',
      scopes: auth.scopes.map((scope) => ({ scope, description: describeScope(scope) })),
      params: carried(auth),
      csrf: consentToken(session.secret),
      switchAccountUrl: `/oauth/authorize?${new URLSearchParams({ ...definedOnly(carried(auth)), force_login: 'true' })}`,
    });
    return sendPage(reply, 200, html, formActionSource(auth.redirectUri));
  }

  app.get('/oauth/authorize', { schema: { querystring: AuthorizationQuery } }, async (request, reply) => {
    let auth: AuthorizationRequest;
    try {
      auth = await checked(request.query);
    } catch (error) {
      return sendAuthorizationError(reply, error);
    }
    const session = sessionOf(request);
    const forceLogin = request.query.force_login === 'true' || request.query.force_login === '1';
    if (!session || forceLogin) return showSignIn(request, reply, auth, 200);
    return showConsent(reply, auth, session);
  });

  app.post(
    '/oauth/sign_in',
    {
      schema: { body: SignInForm },
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '5 minutes',
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${loginOf(request.body)}`,
        },
      },
    },
    async (request, reply) => {
      const form = request.body;
      if (!sameToken(form.csrf, request.cookies[SIGN_IN_CSRF_COOKIE])) {
        return sendPage(
          reply,
          403,
          errorPage(
            'Sign-in refused',
            'The sign-in form has expired. Go back to the application and start again.',
          ),
        );
      }
      let auth: AuthorizationRequest;
      try {
        auth = await checked(form);
      } catch (error) {
        return sendAuthorizationError(reply, error);
      }
      let signedIn: SignedIn;
      try {
        signedIn = await credentials.signIn(form.login, form.password, request.headers['user-agent'] ?? '');
      } catch (error) {
        if (!(error instanceof UnauthorizedError)) throw error;
        return showSignIn(request, reply, auth, 401, {
          login: form.login,
          error: 'The login or password is wrong.',
        });
      }
      // With two-factor sign-in on, the password alone opens nothing: the session stands only with a valid code.
      try {
        await ctx.services.twoFactor.requireSecondFactor(signedIn.userId, form.otp || undefined, () =>
          credentials.endSession(signedIn.sessionId),
        );
      } catch (error) {
        const missing = error instanceof AppError && error.code === 'otp_required';
        if (!missing && !(error instanceof UnauthorizedError)) throw error;
        return showSignIn(request, reply, auth, 401, {
          login: form.login,
          askCode: true,
          error: missing ? 'Enter the code from your authenticator app.' : 'The two-factor code is not valid.',
        });
      }
      // Signing in as someone (else) ends the session this browser had.
      const previous = request.viewer?.credential;
      if (previous?.kind === 'session') await credentials.endSession(previous.id);
      setSessionCookie(reply, signedIn.secret, ctx.config);
      return reply.redirect(`/oauth/authorize?${new URLSearchParams(definedOnly(carried(auth)))}`, 303);
    },
  );

  app.post('/oauth/authorize', { schema: { body: DecisionForm } }, async (request, reply) => {
    const form = request.body;
    const session = sessionOf(request);
    if (!session)
      return reply.redirect(`/oauth/authorize?${new URLSearchParams(definedOnly(paramsOf(form)))}`, 303);
    if (!sameToken(form.csrf, consentToken(session.secret))) {
      return sendPage(
        reply,
        403,
        errorPage(
          'Authorization refused',
          'The form has expired. Go back to the application and start again.',
        ),
      );
    }
    let auth: AuthorizationRequest;
    try {
      auth = await checked(form);
    } catch (error) {
      return sendAuthorizationError(reply, error);
    }
    if (form.decision === 'deny') {
      if (auth.redirectUri === OOB_REDIRECT_URI) {
        return sendPage(
          reply,
          200,
          errorPage('Access denied', `You did not authorize ${auth.application.name}.`),
        );
      }
      return reply.redirect(
        withQuery(auth.redirectUri, {
          error: 'access_denied',
          error_description: 'The resource owner denied the request.',
          state: auth.state,
        }),
        302,
      );
    }
    const code = await oauth.grants.createCode(session.viewer.userId, auth);
    if (auth.redirectUri === OOB_REDIRECT_URI)
      return sendPage(reply, 200, codePage(auth.application.name, code));
    return reply.redirect(withQuery(auth.redirectUri, { code, state: auth.state }), 302);
  });
}

interface Session {
  viewer: Viewer;
  secret: string;
}

/** Only a session cookie signs someone in to these pages; a bearer token is an application, not the person at the browser. */
function sessionOf(request: FastifyRequest): Session | null {
  const secret = request.cookies[SESSION_COOKIE];
  const viewer = request.viewer;
  if (!secret || !viewer || viewer.credential.kind !== 'session') return null;
  return { viewer, secret };
}

function sendAuthorizationError(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof AuthorizationRequestError)) throw error;
  if (error.redirect) {
    return reply.redirect(
      withQuery(error.redirect.uri, {
        error: error.error,
        error_description: error.description,
        state: error.redirect.state,
      }),
      302,
    );
  }
  return sendPage(reply, 400, errorPage('This application cannot sign you in', error.description));
}

/** The validated request as form fields, so the next step sees exactly what was checked. */
function carried(auth: AuthorizationRequest): Record<string, string | undefined> {
  return {
    response_type: 'code',
    client_id: auth.application.clientId,
    redirect_uri: auth.redirectUri,
    scope: auth.scopes.join(' '),
    state: auth.state ?? undefined,
    code_challenge: auth.codeChallenge ?? undefined,
    code_challenge_method: auth.codeChallenge ? 'S256' : undefined,
  };
}

function paramsOf(form: AuthorizationParams): Record<string, string | undefined> {
  const { response_type, client_id, redirect_uri, scope, state, code_challenge, code_challenge_method } =
    form;
  return { response_type, client_id, redirect_uri, scope, state, code_challenge, code_challenge_method };
}

function definedOnly(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function loginOf(body: unknown): string {
  if (body !== null && typeof body === 'object' && 'login' in body && typeof body.login === 'string') {
    return body.login.trim().toLowerCase().slice(0, 320);
  }
  return '';
}
