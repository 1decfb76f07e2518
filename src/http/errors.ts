/** Maps domain errors (and Fastify's own) to HTTP answers: `{ error, code, details }` in JSON. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../domain/errors.js';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  screening_blocked: 422,
  screening_warning: 422,
  two_factor_required: 403,
  otp_required: 401,
};

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    void reply.status(STATUS[error.code]).send({ error: error.message, code: error.code, details: error.details });
    return;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => {
      const where = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { field: where || (error.validationContext ?? 'body'), message: v.message ?? 'is invalid' };
    });
    const first = issues[0];
    void reply.status(400).send({
      error: first ? `${first.field}: ${first.message}` : 'Validation failed',
      code: 'validation_failed',
      details: { field: first?.field, issues },
    });
    return;
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) {
    void reply.status(413).send({ error: 'The request body is too large', code: 'too_large' });
    return;
  }
  if (status === 429) {
    void reply.status(429).send({ error: 'Too many requests', code: 'rate_limited' });
    return;
  }
  if (status >= 400 && status < 500) {
    void reply.status(status).send({ error: error.message, code: fastifyError.code ?? 'bad_request' });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.status(500).send({ error: 'Internal server error', code: 'internal' });
}
