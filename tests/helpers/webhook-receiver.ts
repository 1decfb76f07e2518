/**
 * A webhook receiver for tests: a real HTTP server on loopback that records every request, checks
 * its Standard Webhooks signature with Roost's exported verifier, and answers as a test scripts
 * it — 2xx, an error with Retry-After, or holding the request open (to crash a sender mid-flight).
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type WebhookPayload } from '../../src/services/connectors/webhook-verify.js';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: WebhookPayload | null;
  /** The verifier accepted it with the receiver's secret. */
  verified: boolean;
  verifyError: string | null;
}

export type Answer = { status: number; headers?: Record<string, string>; body?: unknown } | 'hold';

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  secret = '';
  private answer: (hook: ReceivedWebhook, attempt: number) => Answer = () => ({ status: 200, body: {} });
  private readonly events = new EventEmitter();
  private readonly held: http.ServerResponse[] = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = http.createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (req, res) => receiver.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** How to answer; `attempt` counts deliveries of the same webhook-id, from 1. */
  respond(answer: (hook: ReceivedWebhook, attempt: number) => Answer): void {
    this.answer = answer;
  }

  /** Distinct deliveries, after de-duplication by webhook-id (what a correct receiver keeps). */
  unique(type?: WebhookPayload['type']): ReceivedWebhook[] {
    const seen = new Map<string, ReceivedWebhook>();
    for (const hook of this.received)
      if (!seen.has(hook.id) && (!type || hook.payload?.type === type)) seen.set(hook.id, hook);
    return [...seen.values()];
  }

  /** Resolves with the first request (already received or coming) that matches. */
  waitFor(match: (hook: ReceivedWebhook) => boolean, timeoutMs = 20_000): Promise<ReceivedWebhook> {
    const found = this.received.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('hook', listener);
        reject(new Error(`no matching webhook within ${timeoutMs} ms (got ${this.received.length})`));
      }, timeoutMs);
      const listener = (hook: ReceivedWebhook) => {
        if (!match(hook)) return;
        clearTimeout(timer);
        this.events.off('hook', listener);
        resolve(hook);
      };
      this.events.on('hook', listener);
    });
  }

  /** Answers every held request with 200. */
  release(): void {
    for (const res of this.held.splice(0))
      if (!res.writableEnded) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(req.headers[name] ?? '');
      let payload: WebhookPayload | null = null;
      let verifyError: string | null = null;
      try {
        payload = verifyWebhook(this.secret, req.headers, body);
      } catch (error) {
        verifyError = error instanceof Error ? error.message : String(error);
        try {
          payload = JSON.parse(body) as WebhookPayload;
        } catch {
          payload = null;
        }
      }
      const hook: ReceivedWebhook = {
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        signature: header('webhook-signature'),
        body,
        payload,
        verified: verifyError === null,
        verifyError,
      };
      this.received.push(hook);
      const attempt = this.received.filter((h) => h.id === hook.id).length;
      const answer = this.answer(hook, attempt);
      this.events.emit('hook', hook);
      if (answer === 'hold') {
        this.held.push(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  }
}
