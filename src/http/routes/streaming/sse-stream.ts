/**
 * One server-sent-events connection: writes Mastodon-style events (`event: update`, `data: …`),
 * a heartbeat comment every 15 seconds so proxies keep it open, and cleans up its subscriptions
 * when the client goes away or the stream is ended.
 */
import type { Socket } from 'node:net';
import type { FastifyReply } from 'fastify';

const HEARTBEAT_MS = 15_000;

export class SseStream {
  private readonly cleanups: Array<() => void> = [];
  private closed = false;
  private socket: Socket | null = null;

  constructor(private readonly reply: FastifyReply) {}

  /** Takes the response over from Fastify and sends the headers and a first comment, so clients see the stream open. */
  open(): void {
    this.reply.hijack();
    const raw = this.reply.raw;
    this.socket = raw.socket;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Nginx would otherwise buffer the stream and deliver events late.
      'X-Accel-Buffering': 'no',
    });
    raw.write(':)\n\n');
    const heartbeat = setInterval(() => this.writeRaw(':thump\n\n'), HEARTBEAT_MS);
    this.cleanups.push(() => clearInterval(heartbeat));
    // The response's `close` fires when the client goes away (or the response is done).
    raw.on('close', () => this.close());
    raw.on('error', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Registers work to undo when the stream ends (unsubscribing from the bus). */
  onClose(cleanup: () => void): void {
    if (this.closed) cleanup();
    else this.cleanups.push(cleanup);
  }

  /** `data` is sent as is when a string (Mastodon's `delete` sends a bare id), as JSON otherwise. */
  send(event: string, data: unknown): void {
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    // A newline inside data would start a new field; JSON never has one, and ids never do.
    this.writeRaw(`event: ${event}\ndata: ${payload.replace(/\n/g, '\ndata: ')}\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    const raw = this.reply.raw;
    const socket = this.socket;
    // The connection served only this stream: let it go rather than keep it for reuse, which would
    // also hold up a server shutdown.
    if (raw.writableEnded || raw.destroyed) socket?.destroy();
    else raw.end(() => socket?.destroy());
  }

  private writeRaw(chunk: string): void {
    if (this.closed || this.reply.raw.destroyed) return;
    this.reply.raw.write(chunk);
  }
}
