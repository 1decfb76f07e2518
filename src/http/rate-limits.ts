/**
 * Request rate limits as Mastodon sets them: 300 API requests per 5 minutes per access token (per
 * session for the web app, per address when unauthenticated), and stricter limits on uploading
 * media (30 per 30 minutes) and deleting posts (30 per 30 minutes). Every /api response carries
 * X-RateLimit-Limit, -Remaining and -Reset (an ISO 8601 time, as Mastodon sends it); past the limit
 * the answer is 429 with Retry-After. Sign-in has its own limits (routes/auth/sign-in.ts).
 * `ROOST_RATE_LIMIT_SCALE` multiplies every number (tests raise it; operators may too).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { SESSION_COOKIE } from './auth.js';
import type { App } from './types.js';

interface Limit {
  name: string;
  max: number;
  windowMs: number;
  /** Which requests count against it. */
  applies(request: FastifyRequest): boolean;
}

export const API_LIMIT = { max: 300, windowMs: 5 * 60 * 1000 };
export const MEDIA_LIMIT = { max: 30, windowMs: 30 * 60 * 1000 };
export const DELETE_LIMIT = { max: 30, windowMs: 30 * 60 * 1000 };

const API_PATH = /^\/api\//;
const MEDIA_UPLOAD = /^\/api\/v[12]\/media\/?(\?|$)/;
const STATUS_DELETE = /^\/api\/v1\/statuses\/[^/?]+\/?(\?|$)/;

/** Who a request counts against: its access token, its session, or else its address. Secrets are hashed first. */
export function rateLimitKey(request: FastifyRequest): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return `token:${digest(bearer)}`;
  const session = request.cookies?.[SESSION_COOKIE];
  if (session) return `session:${digest(session)}`;
  return `ip:${request.ip}`;
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 32);
}

export function registerRateLimits(app: App, scale: number): void {
  const limits: Limit[] = [
    { name: 'api', ...scaled(API_LIMIT, scale), applies: (r) => API_PATH.test(r.url) },
    {
      name: 'media',
      ...scaled(MEDIA_LIMIT, scale),
      applies: (r) => r.method === 'POST' && MEDIA_UPLOAD.test(r.url),
    },
    {
      name: 'delete',
      ...scaled(DELETE_LIMIT, scale),
      applies: (r) => r.method === 'DELETE' && STATUS_DELETE.test(r.url),
    },
  ];
  const counters = limits.map((limit) => ({
    limit,
    check: app.createRateLimit({
      max: limit.max,
      timeWindow: limit.windowMs,
      keyGenerator: (request) => `${limit.name}:${rateLimitKey(request)}`,
    }),
  }));

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS' || !API_PATH.test(request.url)) return;
    // The most specific limit that applies decides the headers: it is the one a client must pace itself by.
    let shown: { max: number; remaining: number; ttl: number } | null = null;
    let exceeded: { ttl: number } | null = null;
    for (const { limit, check } of counters) {
      if (!limit.applies(request)) continue;
      const result = await check(request);
      if (result.isAllowed) continue;
      shown = { max: result.max, remaining: result.remaining, ttl: result.ttl };
      if (result.isExceeded && exceeded === null) exceeded = { ttl: result.ttl };
    }
    if (shown === null) return;
    void reply.header('X-RateLimit-Limit', String(shown.max));
    void reply.header('X-RateLimit-Remaining', String(shown.remaining));
    void reply.header('X-RateLimit-Reset', new Date(Date.now() + shown.ttl).toISOString());
    if (exceeded !== null) {
      const seconds = Math.max(1, Math.ceil(exceeded.ttl / 1000));
      void reply.header('X-RateLimit-Remaining', '0');
      void reply.header('X-RateLimit-Reset', new Date(Date.now() + exceeded.ttl).toISOString());
      void reply.header('Retry-After', String(seconds));
      throw new AppError('rate_limited', 'Too many requests', { retry_after: seconds });
    }
  });
}

function scaled(limit: { max: number; windowMs: number }, scale: number): { max: number; windowMs: number } {
  return { max: Math.max(1, Math.round(limit.max * scale)), windowMs: limit.windowMs };
}
