/**
 * Domain errors: each has a stable `code`. Only the HTTP layer maps codes to status codes.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_large'
  | 'rate_limited'
  /** Screening refused a post (422). */
  | 'screening_blocked'
  /** Screening found something the author must confirm before posting (422). */
  | 'screening_warning'
  /** Acting on a brand that publishes externally needs two-factor sign-in enabled (403). */
  | 'two_factor_required'
  /** Sign-in needs the one-time code from the person's authenticator (401). */
  | 'otp_required';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('validation_failed', `${field}: ${message}`, { field });
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(what = 'Record') {
    super('not_found', `${what} not found`);
  }
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  constructor(message = 'This action is not allowed') {
    super('forbidden', message);
  }
}

export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  constructor(message = 'The access token is invalid') {
    super('unauthorized', message);
  }
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  constructor(message: string) {
    super('conflict', message);
  }
}
