import { describe, expect, it } from 'vitest';
import type { OAuthApplication } from './applications.js';
import { checkAuthorizationRequest, type AuthorizationParams } from './authorization-request.js';
import { AuthorizationRequestError } from './errors.js';

const app: OAuthApplication = {
  id: 1,
  name: 'App',
  website: null,
  redirectUris: ['https://app.example/cb', 'urn:ietf:wg:oauth:2.0:oob'],
  scopes: ['read', 'write:statuses'],
  clientId: 'client',
  createdAt: 0,
};
const base: AuthorizationParams = {
  response_type: 'code',
  client_id: 'client',
  redirect_uri: 'https://app.example/cb',
};

function failure(
  application: OAuthApplication | null,
  params: AuthorizationParams,
): AuthorizationRequestError {
  try {
    checkAuthorizationRequest(application, params);
  } catch (error) {
    if (error instanceof AuthorizationRequestError) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('checkAuthorizationRequest', () => {
  it('accepts a good request, defaulting the scope to read', () => {
    const request = checkAuthorizationRequest(app, { ...base, state: 's' });
    expect(request).toMatchObject({
      redirectUri: 'https://app.example/cb',
      scopes: ['read'],
      state: 's',
      codeChallenge: null,
    });
    expect(checkAuthorizationRequest(app, { ...base, scope: 'read:statuses write:statuses' }).scopes).toEqual(
      ['read:statuses', 'write:statuses'],
    );
  });

  it('never redirects for an unknown client or an unregistered or missing redirect URI', () => {
    expect(failure(null, base)).toMatchObject({ error: 'invalid_client', redirect: null });
    expect(failure(app, { ...base, redirect_uri: 'https://app.example/cb/' })).toMatchObject({
      redirect: null,
    });
    expect(failure(app, { ...base, redirect_uri: undefined })).toMatchObject({ redirect: null });
  });

  it('uses the only registered URI when the request names none', () => {
    const single = { ...app, redirectUris: ['myapp://cb'] };
    expect(checkAuthorizationRequest(single, { ...base, redirect_uri: undefined }).redirectUri).toBe(
      'myapp://cb',
    );
  });

  it('sends scope, response type and PKCE errors back to the client with the state', () => {
    expect(failure(app, { ...base, scope: 'write', state: 'st' })).toMatchObject({
      error: 'invalid_scope',
      redirect: { uri: 'https://app.example/cb', state: 'st' },
    });
    expect(failure(app, { ...base, scope: 'read nope' }).error).toBe('invalid_scope');
    expect(failure(app, { ...base, response_type: 'token' }).error).toBe('unsupported_response_type');
    expect(failure(app, { ...base, code_challenge: 'x'.repeat(43) }).error).toBe('invalid_request');
    expect(
      failure(app, { ...base, code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }).error,
    ).toBe('invalid_request');
    expect(failure(app, { ...base, code_challenge: 'short', code_challenge_method: 'S256' }).error).toBe(
      'invalid_request',
    );
  });

  it('shows errors for the out-of-band URI instead of redirecting', () => {
    expect(
      failure(app, { ...base, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', scope: 'admin:read' }),
    ).toMatchObject({
      error: 'invalid_scope',
      redirect: null,
    });
  });
});
