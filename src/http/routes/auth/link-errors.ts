/** Error handling for one-time link routes: an expired link answers 410 Gone; everything else as usual. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ExpiredLinkError } from '../../../services/auth/one-time-tokens.js';
import { errorHandler } from '../../errors.js';

export function linkErrorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof ExpiredLinkError) {
    void reply.status(410).send({ error: error.message, code: 'expired', details: error.details });
    return;
  }
  errorHandler(error, request, reply);
}
