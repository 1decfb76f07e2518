/** A WebSocket client for streaming tests: collects Mastodon streaming messages and waits for the next matching one. */
import { WebSocket } from 'ws';

export interface StreamMessage {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

export class WsClient {
  readonly messages: StreamMessage[] = [];
  closed: { code: number } | null = null;
  private cursor = 0;
  private wake: (() => void) | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as StreamMessage);
      this.wake?.();
    });
    socket.on('close', (code) => {
      this.closed = { code };
      this.wake?.();
    });
  }

  /** Opens a connection; rejects with the HTTP status when the server refuses the upgrade. */
  static connect(
    url: string,
    options: { protocols?: string[]; headers?: Record<string, string> } = {},
  ): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options.protocols, { headers: options.headers ?? {} });
      const client = new WsClient(socket);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) =>
        reject(new RefusedUpgrade(response.statusCode ?? 0)),
      );
      socket.once('error', (error) => reject(error));
    });
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The next message not yet taken that satisfies `match`; skipped ones stay in `messages`. */
  async next(match: (m: StreamMessage) => boolean = () => true, timeoutMs = 5000): Promise<StreamMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.messages.length) {
        const message = this.messages[this.cursor++]!;
        if (match(message)) return message;
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await this.pause(left);
    }
  }

  /** Resolves with the close code once the server closes the socket. */
  async untilClosed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('the socket did not close');
      await this.pause(left);
    }
    return this.closed.code;
  }

  /** Every payload delivered so far for an event name, parsed. */
  payloads(event: string): Array<Record<string, unknown>> {
    return this.messages
      .filter((m) => m.event === event && m.payload)
      .map((m) => JSON.parse(m.payload!) as Record<string, unknown>);
  }

  close(): void {
    this.socket.close();
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

export class RefusedUpgrade extends Error {
  constructor(readonly status: number) {
    super(`the server refused the upgrade with ${status}`);
  }
}

export function isUpdate(id?: string): (m: StreamMessage) => boolean {
  return (m) =>
    m.event === 'update' && (id === undefined || (JSON.parse(m.payload!) as { id: string }).id === id);
}

/**
 * Waits until the server has a subscription in place: posts probes (each answering its post id)
 * until one comes back as an update. Subscribing is asynchronous on the server, so a single probe
 * sent right after subscribing may pass before the subscription exists.
 */
export async function untilSubscribed(
  client: WsClient,
  probe: () => Promise<string>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const id = await probe();
    try {
      await client.next(isUpdate(id), 400);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}
