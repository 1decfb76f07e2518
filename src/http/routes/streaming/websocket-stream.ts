/**
 * One WebSocket connection of Mastodon's streaming API: it carries any number of streams, added and
 * removed with `{"type":"subscribe"|"unsubscribe","stream":…,"tag":…,"list":…}` messages (or one
 * named in `?stream=` on connect). Events go out as `{"stream":["user"],"event":"update","payload":"…"}`
 * with the payload as JSON text, exactly as Mastodon sends them; a refused subscription answers
 * `{"error":…,"status":…}`. Pings every 30 seconds keep the connection (and proxies) alive.
 */
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../domain/errors.js';
import type { Delivery, StreamHub, StreamSink } from './stream-hub.js';
import { isStreamName, planStream, streamLabel, type StreamPlan, type StreamRequest } from './stream-plan.js';
import type { StreamViewer } from './stream-auth.js';

/** What this module uses of a `ws` WebSocket. */
export interface StreamSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: Buffer | string) => void): void;
  on(event: 'close' | 'pong', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

const OPEN = 1;
const PING_MS = 30_000;
/** A client that reads slower than this much queued output is cut off rather than buffered without end. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Closing codes: 1008 policy violation when the credential was revoked; 1001 going away at shutdown. */
const REVOKED = 1008;
const SHUTDOWN = 1001;

const HTTP_STATUS: Partial<Record<AppError['code'], number>> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 401,
  not_found: 404,
};

export class WebSocketStream implements StreamSink {
  private readonly subscriptions = new Map<string, () => void>();
  private closed = false;
  private alive = true;
  private readonly heartbeat: NodeJS.Timeout;
  /** Subscribe and unsubscribe messages are applied one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: AppContext,
    private readonly hub: StreamHub,
    private readonly socket: StreamSocket,
    private readonly who: StreamViewer,
    private readonly onClosed: () => void,
  ) {
    // Listeners are attached before anything asynchronous, so no early message is lost.
    socket.on('message', (data) => {
      this.queue = this.queue.then(() => this.receive(String(data)));
    });
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
    this.heartbeat = setInterval(() => {
      if (!this.alive) {
        this.socket.terminate();
        return;
      }
      this.alive = false;
      if (this.socket.readyState === OPEN) this.socket.ping();
    }, PING_MS);
  }

  /** Adds a stream; a refusal (scope, unknown list, bad tag) is sent as an error message. */
  async subscribe(request: StreamRequest): Promise<void> {
    try {
      this.open(await planStream(this.ctx, this.who.viewer, request));
    } catch (error) {
      this.sendError(error);
    }
  }

  /** Adds a stream already planned (the one named on connect: in place before the client can act). */
  open(plan: StreamPlan): void {
    const key = plan.label.join('\u0000');
    if (this.closed || this.subscriptions.has(key)) return;
    this.subscriptions.set(
      key,
      this.hub.open({ viewer: this.who.viewer, plan, sink: this, stillSignedIn: this.who.stillSignedIn }),
    );
  }

  get isClosed(): boolean {
    return this.closed;
  }

  revoke(): void {
    this.close(REVOKED, 'access revoked');
  }

  close(code = SHUTDOWN, reason = ''): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const stop of this.subscriptions.values()) stop();
    this.subscriptions.clear();
    if (this.socket.readyState === OPEN) this.socket.close(code, reason);
    this.onClosed();
  }

  private async receive(text: string): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.sendJson({ error: 'Could not parse the message as JSON', status: 400 });
      return;
    }
    const fields =
      typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : {};
    const type = fields.type;
    const stream = typeof fields.stream === 'string' ? fields.stream : '';
    if ((type !== 'subscribe' && type !== 'unsubscribe') || !isStreamName(stream)) {
      this.sendJson({
        error: 'Unknown message: send {"type":"subscribe"|"unsubscribe","stream":…}',
        status: 400,
      });
      return;
    }
    const request: StreamRequest = {
      stream,
      tag: typeof fields.tag === 'string' ? fields.tag : undefined,
      list:
        typeof fields.list === 'string' || typeof fields.list === 'number' ? String(fields.list) : undefined,
    };
    if (type === 'subscribe') {
      await this.subscribe(request);
      return;
    }
    const label = streamLabel(request);
    const key = label?.join('\u0000') ?? '';
    this.subscriptions.get(key)?.();
    this.subscriptions.delete(key);
  }

  deliver(delivery: Delivery, label: string[]): void {
    if (this.closed || this.socket.readyState !== OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      this.close();
      return;
    }
    const key = label.join('\u0000');
    let frame = delivery.frames.get(key);
    if (frame === undefined) {
      // Encoded once for every stream of the same name, not once per socket.
      frame = Buffer.from(
        JSON.stringify(
          delivery.payload === undefined
            ? { stream: label, event: delivery.event }
            : { stream: label, event: delivery.event, payload: delivery.payload },
        ),
      );
      delivery.frames.set(key, frame);
    }
    this.socket.send(frame, { binary: false });
  }

  private sendError(error: unknown): void {
    if (error instanceof AppError) {
      this.sendJson({ error: error.message, status: HTTP_STATUS[error.code] ?? 400 });
      return;
    }
    this.ctx.log.warn({ err: error }, 'stream subscription failed');
    this.sendJson({ error: 'Internal error', status: 500 });
  }

  private sendJson(value: unknown): void {
    if (!this.closed && this.socket.readyState === OPEN)
      this.socket.send(Buffer.from(JSON.stringify(value)), { binary: false });
  }
}
