/** Builds the HTTP application: plugins, authentication, error mapping, routes and the web app. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { parse as parseQuery } from 'node:querystring';
import type { AppContext } from '../context.js';
import { registerAuthentication } from './auth.js';
import { errorHandler } from './errors.js';
import { registerRateLimits } from './rate-limits.js';
import { registerRoutes } from './routes/index.js';
import type { App } from './types.js';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(ctx: AppContext): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: true,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        upgradeInsecureRequests: null,
      },
    },
    hsts: ctx.config.baseUrl.startsWith('https:'),
  });
  // Browser-based Mastodon clients call the API from their own origins with bearer tokens. Cookies
  // are never shared cross-origin (SameSite=Lax and no credentials here).
  await app.register(cors, {
    delegator: (request, callback) => {
      const open = /^\/(api\/|oauth\/(token|revoke)|\.well-known\/|media\/)/.test(request.url ?? '');
      callback(
        null,
        open
          ? {
              origin: '*',
              credentials: false,
              methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
              allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept'],
              exposedHeaders: ['Link', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
              maxAge: 86400,
            }
          : { origin: false },
      );
    },
  });
  await app.register(cookie);
  // Mastodon clients send forms with `key[]=a&key[]=b` arrays.
  await app.register(formbody, { parser: (body) => normaliseArrays(parseQuery(body)) });
  await app.register(multipart, { limits: { fileSize: ctx.config.uploadLimit, files: 1, fields: 50 } });
  await app.register(rateLimit, { global: false });
  // Streaming clients (Mastodon's WebSocket API) upgrade on /api/v1/streaming; 16 KiB is ample for subscribe messages.
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  registerAuthentication(app, ctx.services);
  registerRateLimits(app, ctx.config.rateLimitScale);

  await app.register(async (api) => registerRoutes(api, ctx));

  if (ctx.config.roles.web && fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false });
    const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'), 'utf8');
    app.setNotFoundHandler((request, reply) => {
      const isApi = /^\/(api|oauth|media|avatars)\//.test(request.url) || request.method !== 'GET';
      if (isApi) return reply.status(404).send({ error: 'Not found', code: 'not_found' });
      return reply.type('text/html').send(indexHtml);
    });
  } else {
    app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'Not found', code: 'not_found' }));
  }
  return app;
}

function normaliseArrays(parsed: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key.endsWith('[]')) result[key.slice(0, -2)] = Array.isArray(value) ? value : [value];
    else result[key] = value;
  }
  return result;
}
