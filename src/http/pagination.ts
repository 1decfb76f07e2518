/** Pagination at the edge: the query schema and the Link header Mastodon clients follow. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PageRequest } from '../domain/pagination.js';
import { parseId } from '../domain/ids.js';

const cursor = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a numeric ID')
  .optional();

export function pageQuery(defaultLimit = 20, maxLimit = 40) {
  return z.object({
    max_id: cursor,
    since_id: cursor,
    min_id: cursor,
    limit: z.coerce.number().int().min(1).optional().default(defaultLimit).transform((n) => Math.min(n, maxLimit)),
  });
}

export function toPageRequest(query: { max_id?: string; since_id?: string; min_id?: string; limit: number }): PageRequest {
  return {
    maxId: parseId(query.max_id),
    sinceId: parseId(query.since_id),
    minId: parseId(query.min_id),
    limit: query.limit,
  };
}

/**
 * Sets `Link: <…?max_id=last>; rel="next", <…?min_id=first>; rel="prev"` from the page's
 * newest and oldest cursor values (`ids` in page order: newest first).
 */
export function setLinkHeader(request: FastifyRequest, reply: FastifyReply, ids: Array<string | number>, baseUrl: string): void {
  if (ids.length === 0) return;
  const url = new URL(request.url, baseUrl);
  const next = new URL(url);
  next.searchParams.delete('min_id');
  next.searchParams.delete('since_id');
  next.searchParams.set('max_id', String(ids[ids.length - 1]));
  const prev = new URL(url);
  prev.searchParams.delete('max_id');
  prev.searchParams.delete('since_id');
  prev.searchParams.set('min_id', String(ids[0]));
  void reply.header('Link', `<${next.toString()}>; rel="next", <${prev.toString()}>; rel="prev"`);
}
