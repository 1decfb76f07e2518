/** Sending the server-rendered OAuth pages with headers that keep them out of frames and caches. */
import type { FastifyReply } from 'fastify';

/**
 * `form-action` must allow the redirect that follows the consent form (browsers apply it to the
 * redirect too), hence the extra source; `frame-ancestors 'none'` stops the consent page from being
 * framed and clicked through.
 */
export function sendPage(
  reply: FastifyReply,
  status: number,
  html: string,
  formActionExtra: string | null = null,
): FastifyReply {
  const formAction = formActionExtra ? `'self' ${formActionExtra}` : `'self'`;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    )
    .header('cache-control', 'no-store')
    .send(html);
}
