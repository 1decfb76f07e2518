/** Starts Roost for a configuration and returns a handle that stops it cleanly. */
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createContext, type AppContext } from './context.js';
import { buildApp } from './http/app.js';
import type { App } from './http/types.js';

export interface RunningServer {
  ctx: AppContext;
  app: App;
  /** The URL the server listens on (with the real port when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const ctx = await createContext(config);
  const app = await buildApp(ctx);
  await app.listen({ host: config.host, port: config.port });
  if (config.roles.worker) ctx.jobs.start();
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}`;
  return {
    ctx,
    app,
    url,
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
