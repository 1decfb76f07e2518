/** The part of the `ws` package (a dependency of @fastify/websocket and masto, shipped without types) that the streaming tests and benchmark use. */
declare module 'ws' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage, Server as HttpServer } from 'node:http';

  export interface ClientOptions {
    headers?: Record<string, string>;
    perMessageDeflate?: boolean;
  }

  export class WebSocket extends EventEmitter {
    static readonly CONNECTING: 0;
    static readonly OPEN: 1;
    static readonly CLOSING: 2;
    static readonly CLOSED: 3;
    constructor(address: string | URL, protocols?: string | string[], options?: ClientOptions);
    readonly readyState: 0 | 1 | 2 | 3;
    readonly protocol: string;
    readonly bufferedAmount: number;
    send(data: string | Buffer, callback?: (error?: Error) => void): void;
    ping(): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: 'open' | 'pong' | 'ping', listener: () => void): this;
    on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'unexpected-response', listener: (request: unknown, response: IncomingMessage) => void): this;
    once(event: 'open', listener: () => void): this;
    once(event: 'close', listener: (code: number, reason: Buffer) => void): this;
    once(event: 'error', listener: (error: Error) => void): this;
    once(event: 'unexpected-response', listener: (request: unknown, response: IncomingMessage) => void): this;
  }

  export interface ServerOptions {
    port?: number;
    host?: string;
    server?: HttpServer;
    noServer?: boolean;
    perMessageDeflate?: boolean;
    maxPayload?: number;
  }

  export class WebSocketServer extends EventEmitter {
    constructor(options: ServerOptions, callback?: () => void);
    readonly clients: Set<WebSocket>;
    address(): { port: number; address: string; family: string } | string | null;
    close(callback?: (error?: Error) => void): void;
    on(event: 'connection', listener: (socket: WebSocket, request: IncomingMessage) => void): this;
    on(event: 'listening', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }

  export { WebSocketServer as Server };
  export default WebSocket;
}
