/**
 * OAuth errors as RFC 6749 names them. The OAuth endpoints answer these as `{ error, error_description }`
 * (the shape OAuth clients parse) rather than Roost's `{ error, code }`.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied';

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 403,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  invalid_scope: 400,
  access_denied: 403,
};

export class OAuthError extends Error {
  override name = 'OAuthError';
  readonly status: number;
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.status = STATUS[error];
  }
}

/**
 * A bad authorization request. With `redirect` null the client or its redirect URI could not be
 * trusted, so the person sees an error page; otherwise the error goes back to the client.
 */
export class AuthorizationRequestError extends OAuthError {
  override name = 'AuthorizationRequestError';
  constructor(
    error: OAuthErrorCode,
    description: string,
    readonly redirect: { uri: string; state: string | null } | null,
  ) {
    super(error, description);
  }
}
