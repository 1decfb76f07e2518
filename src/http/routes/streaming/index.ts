/**
 * Live updates in Mastodon's streaming API, over both of its transports:
 * - WebSocket at /api/v1/streaming (subscribe/unsubscribe messages, or `?stream=` on connect);
 * - server-sent events at /api/v1/streaming/user (home + notifications), /user/notification,
 *   /public (the organization), /public/local, /hashtag?tag=, /hashtag/local?tag=, /list?list=,
 *   /direct, and /api/v1/streaming?stream=… without an upgrade;
 * and /api/v1/streaming/health → `OK`. Both transports take their events from one StreamHub.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { ValidationError } from '../../../domain/errors.js';
import type { App } from '../../types.js';
import { SseStream } from './sse-stream.js';
import { streamViewer, type StreamViewer } from './stream-auth.js';
import { Delivery, StreamHub, type StreamSink } from './stream-hub.js';
import {
  isStreamName,
  planStream,
  STREAM_NAMES,
  type StreamName,
  type StreamPlan,
  type StreamRequest,
} from './stream-plan.js';
import { WebSocketStream, type StreamSocket } from './websocket-stream.js';

const query = z.object({
  access_token: z.string().max(500).optional(),
  tag: z.string().max(200).optional(),
  list: z.string().max(32).optional(),
  stream: z.string().max(40).optional(),
});
type StreamQuery = z.infer<typeof query>;

function streamRequest(name: string | undefined, q: StreamQuery): StreamRequest | null {
  if (name === undefined || name === '') return null;
  if (!isStreamName(name)) throw new ValidationError('stream', `must be one of ${STREAM_NAMES.join(', ')}`);
  return { stream: name, tag: q.tag, list: q.list };
}

export function registerStreamingRoutes(app: App, ctx: AppContext): void {
  const hub = new StreamHub(ctx);
  app.get('/api/v1/streaming/health', async (_request, reply) => reply.type('text/plain').send('OK'));

  // Open streams would keep the server from closing: end them first.
  const live = new Set<{ close(): void }>();
  app.addHook('preClose', async () => {
    for (const stream of [...live]) stream.close();
  });

  const serveSse = async (
    request: FastifyRequest,
    q: StreamQuery,
    reply: FastifyReply,
    fixed: StreamName | null,
  ) => {
    const who = await streamViewer(ctx, request, q.access_token);
    const wanted = streamRequest(fixed ?? q.stream, q);
    if (wanted === null) throw new ValidationError('stream', 'is required');
    const plan = await planStream(ctx, who.viewer, wanted);
    const stream = new SseStream(reply);
    const sink: StreamSink = {
      deliver: (delivery: Delivery) => stream.send(delivery.event, delivery.payload ?? ''),
      revoke: () => stream.close(),
      get isClosed() {
        return stream.isClosed;
      },
    };
    const stop = hub.open({ viewer: who.viewer, plan, sink, stillSignedIn: who.stillSignedIn });
    live.add(stream);
    stream.onClose(() => {
      stop();
      live.delete(stream);
    });
    stream.open();
  };

  for (const name of STREAM_NAMES) {
    app.get(
      `/api/v1/streaming/${name.replace(':', '/')}`,
      { schema: { querystring: query } },
      (request, reply) => serveSse(request, request.query, reply, name),
    );
  }

  // A WebSocket is authenticated, and a stream named on connect is checked, before the upgrade:
  // a refusal is an ordinary HTTP answer (401, 403, 404) rather than an open-then-closed socket.
  const prepared = new WeakMap<FastifyRequest, { who: StreamViewer; initial: StreamPlan | null }>();
  // Some clients (megalodon) connect to `/api/v1/streaming/?stream=…`; Mastodon accepts both.
  for (const url of ['/api/v1/streaming', '/api/v1/streaming/'])
    app.route({
      method: 'GET',
      url,
      schema: { querystring: query },
      preHandler: async (request) => {
        if (!request.ws) return;
        const who = await streamViewer(ctx, request, request.query.access_token);
        const wanted = streamRequest(request.query.stream, request.query);
        const initial = wanted === null ? null : await planStream(ctx, who.viewer, wanted);
        prepared.set(request, { who, initial });
      },
      handler: (request, reply) => serveSse(request, request.query, reply, null),
      wsHandler: (socket: StreamSocket, request: FastifyRequest) => {
        const ready = prepared.get(request);
        if (!ready) {
          socket.close(1011, 'not prepared');
          return;
        }
        const connection = new WebSocketStream(ctx, hub, socket, ready.who, () => live.delete(connection));
        live.add(connection);
        if (ready.initial !== null) connection.open(ready.initial);
      },
    });
}
