/**
 * The servers under test, each in a child process of its own so the load generator does not share
 * their event loop: the real Roost (`node bin/roost.mjs serve`) and the bare Fastify ceiling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ChildServer {
  name: string;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
      throw new Error(`${url}: the server exited with code ${child.exitCode}:\n${tail}`);
    }
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function spawnServer(name: string, args: string[], env: NodeJS.ProcessEnv, logFile: string, cwd = REPO_ROOT): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') console.error(`${name} exited (code ${code}, signal ${signal}); see ${logFile}`);
  });
  return child;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

export async function startRoost(options: {
  databaseUrl: string;
  dataDir: string;
  port: number;
  logFile: string;
  /** The checkout to run (another work tree, e.g. one with a proposed fix applied); this one by default. */
  rootDir?: string;
  extraEnv?: Record<string, string>;
}): Promise<ChildServer> {
  const root = options.rootDir ?? REPO_ROOT;
  const url = `http://127.0.0.1:${options.port}`;
  // ROOST_* settings exported by whoever runs the benchmark reach the server (BENCH_* too, for
  // experimental builds run with --roost-dir); the ones below always win.
  const passed = Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(ROOST|BENCH)_/.test(name)));
  const env: NodeJS.ProcessEnv = {
    ...passed,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    ROOST_DATABASE_URL: options.databaseUrl,
    ROOST_DATA_DIR: options.dataDir,
    ROOST_HOST: '127.0.0.1',
    ROOST_PORT: String(options.port),
    ROOST_BASE_URL: url,
    ROOST_LOG_LEVEL: 'warn',
    // Load generators send far more than Mastodon's 300 requests per 5 minutes per token.
    ROOST_RATE_LIMIT_SCALE: '100000',
    ...options.extraEnv,
  };
  const child = spawnServer('roost', [path.join(root, 'bin/roost.mjs'), 'serve'], env, options.logFile, root);
  const server = { name: 'roost', url, child, stop: stopper(child) };
  try {
    await waitForHttp(`${url}/api/v1/instance`, child, 120_000, options.logFile);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** The ceiling serves, verbatim, response bodies captured from the real server (see ceiling.ts). */
export async function startCeiling(options: { pagesFile: string; port: number; logFile: string }): Promise<ChildServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawnServer(
    'ceiling',
    ['--import', 'tsx', path.join(REPO_ROOT, 'bench/ceiling.ts'), options.pagesFile, String(options.port)],
    { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
    options.logFile,
  );
  const server = { name: 'ceiling', url, child, stop: stopper(child) };
  try {
    await waitForHttp(`${url}/health`, child, 60_000, options.logFile);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
