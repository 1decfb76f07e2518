/**
 * Checks an authorization request (GET /oauth/authorize) against the registered client. Until the
 * client and its redirect URI are known good, errors are shown to the person and never sent to an
 * unregistered URI; after that they go back to the client, as RFC 6749 §4.1.2.1 says.
 */
import { defaultScopesFor, type OAuthApplication } from './applications.js';
import { AuthorizationRequestError } from './errors.js';
import { isValidChallenge } from './pkce.js';
import { OOB_REDIRECT_URI } from './redirect-uris.js';
import { scopesCovered, splitScopes, unknownScopes } from './scopes.js';

export interface AuthorizationParams {
  response_type?: string | undefined;
  client_id?: string | undefined;
  redirect_uri?: string | undefined;
  scope?: string | undefined;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
}

export interface AuthorizationRequest {
  application: OAuthApplication;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
}

const STATE_MAX = 2000;

export function checkAuthorizationRequest(
  application: OAuthApplication | null,
  params: AuthorizationParams,
): AuthorizationRequest {
  if (!params.client_id || !application) {
    throw new AuthorizationRequestError(
      'invalid_client',
      'The application is unknown. Ask its maker to register it again.',
      null,
    );
  }
  let redirectUri = params.redirect_uri;
  if (!redirectUri) {
    // RFC 6749 §3.1.2.3: the URI may be left out when exactly one is registered.
    if (application.redirectUris.length !== 1) {
      throw new AuthorizationRequestError('invalid_request', 'The request names no redirect URI.', null);
    }
    redirectUri = application.redirectUris[0]!;
  }
  if (!application.redirectUris.includes(redirectUri)) {
    throw new AuthorizationRequestError(
      'invalid_request',
      'The redirect URI is not one the application registered.',
      null,
    );
  }
  const state = params.state ?? null;
  const redirect = redirectUri === OOB_REDIRECT_URI ? null : { uri: redirectUri, state };
  const fail = (
    error: 'invalid_request' | 'invalid_scope' | 'unsupported_response_type',
    description: string,
  ) => new AuthorizationRequestError(error, description, redirect);

  if (params.response_type !== 'code')
    throw fail('unsupported_response_type', 'Only response_type=code is supported.');
  if (state !== null && state.length > STATE_MAX)
    throw fail('invalid_request', `state must be at most ${STATE_MAX} characters.`);

  const requested = splitScopes(params.scope);
  const unknown = unknownScopes(requested);
  if (unknown.length > 0) throw fail('invalid_scope', `The scope "${unknown[0]}" is unknown.`);
  const scopes = requested.length > 0 ? requested : defaultScopesFor(application);
  if (!scopesCovered(application.scopes, scopes)) {
    throw fail('invalid_scope', 'The requested scope is more than the application registered.');
  }

  let codeChallenge: string | null = null;
  if (params.code_challenge !== undefined || params.code_challenge_method !== undefined) {
    if (params.code_challenge_method !== 'S256')
      throw fail('invalid_request', 'code_challenge_method must be S256.');
    if (!params.code_challenge || !isValidChallenge(params.code_challenge)) {
      throw fail('invalid_request', 'code_challenge must be a base64url SHA-256 digest (43 characters).');
    }
    codeChallenge = params.code_challenge;
  }
  return { application, redirectUri, scopes, state, codeChallenge };
}
