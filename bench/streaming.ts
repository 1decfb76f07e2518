/**
 * Streaming benchmark: N people hold WebSocket connections to their home stream
 * (`/api/v1/streaming?stream=user`) while two authors that all of them follow post at a steady
 * rate, so every post fans out to N streams. For each N it reports the share of the N × posts
 * updates delivered and the delivery latency (from the start of the POST to the update arriving)
 * at p50/p99, beside a bare `ws` server broadcasting frames of the same size to N clients in the
 * same run (the ceiling, bench/streaming-ceiling.ts). Roost and the ceiling each run in a child
 * process; the clients run here.
 *
 *   npx tsx bench/streaming.ts [--clients 100,1000,5000] [--rate 10] [--posts 100]
 *                              [--dialect sqlite|postgres] [--database postgres://…/db]
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { WebSocket } from 'ws';
import type { DatabaseTarget } from '../src/db/dialect.js';
import { migrateToLatest, openDatabase } from '../src/db/open.js';
import { newId } from '../src/domain/ids.js';
import { hashSecret } from '../src/domain/tokens.js';
import { openBulkWriter } from './bulk-writer.js';
import { freePort, REPO_ROOT, startRoost, type ChildServer } from './processes.js';

interface LevelResult {
  clients: number;
  posts: number;
  expected: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  frameBytes: number;
}

const AUTHORS = 2;
const MARKER = Buffer.from('bench-');
const SETTLE_MS = 10_000;

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
const { values } = parseArgs({
  // Imported by another script (for `seed`): the defaults, not that script's arguments.
  args: isMain ? process.argv.slice(2) : [],
  options: {
    clients: { type: 'string', default: '100,1000,5000' },
    rate: { type: 'string', default: '10' },
    posts: { type: 'string', default: '100' },
    dialect: { type: 'string', default: 'sqlite' },
    database: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** Passed to the Roost child as NODE_OPTIONS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
    'node-options': { type: 'string', default: '' },
  },
});
const levels = values.clients.split(',').map(Number);
const rate = Number(values.rate);
const postCount = Number(values.posts);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function openFilesLimit(): number {
  try {
    return Number(execFileSync('bash', ['-c', 'ulimit -n']).toString().trim());
  } catch {
    return 1024;
  }
}

/** A fresh database with N readers following the authors, each reader and author with a token. */
export async function seed(
  target: DatabaseTarget,
  readers: number,
): Promise<{ readerTokens: string[]; authorTokens: string[] }> {
  const database = await openDatabase(target);
  await migrateToLatest(database);
  await database.destroy();
  const writer = await openBulkWriter(target);
  const now = Date.now() - 60_000;
  const people = readers + AUTHORS;
  const accountIds = Array.from({ length: people }, () => newId(now));
  const userIds = Array.from({ length: people }, () => newId(now));
  const names = accountIds.map((_, i) => (i < AUTHORS ? `author${i}` : `reader${i - AUTHORS}`));
  const column = <T>(f: (i: number) => T) =>
    Array.from({ length: people }, (_, i) => f(i)) as unknown as ArrayLike<number | string | null>;
  await writer.insert(
    'accounts',
    [
      'id',
      'username',
      'username_lower',
      'display_name',
      'note',
      'avatar_file',
      'department_id',
      'title',
      'manager_id',
      'kind',
      'bot',
      'followers_count',
      'following_count',
      'statuses_count',
      'last_status_at',
      'created_at',
      'updated_at',
      'suspended_at',
    ],
    [
      column((i) => accountIds[i]!),
      column((i) => names[i]!),
      column((i) => names[i]!),
      column((i) => names[i]!),
      column(() => ''),
      column(() => null),
      column(() => null),
      column(() => ''),
      column(() => null),
      column(() => 'person'),
      column(() => 0),
      column((i) => (i < AUTHORS ? readers : 0)),
      column((i) => (i < AUTHORS ? 0 : AUTHORS)),
      column(() => 0),
      column(() => null),
      column(() => now),
      column(() => now),
      column(() => null),
    ],
    people,
  );
  await writer.insert(
    'users',
    [
      'id',
      'account_id',
      'email',
      'password_hash',
      'role',
      'created_at',
      'password_changed_at',
      'last_sign_in_at',
      'disabled_at',
    ],
    [
      column((i) => userIds[i]!),
      column((i) => accountIds[i]!),
      column((i) => `${names[i]}@example.org`),
      column(() => null),
      column(() => 'member'),
      column(() => now),
      column(() => null),
      column(() => null),
      column(() => null),
    ],
    people,
  );
  const tokens = names.map((name) => `roost_bench_${name}_${Math.random().toString(36).slice(2)}`);
  await writer.insert(
    'access_tokens',
    [
      'id',
      'user_id',
      'token_hash',
      'name',
      'scopes',
      'application_id',
      'created_at',
      'last_used_at',
      'revoked_at',
      'expires_at',
    ],
    [
      column(() => newId(now)),
      column((i) => userIds[i]!),
      column((i) => hashSecret(tokens[i]!)),
      column(() => 'bench'),
      column(() => 'read write follow'),
      column(() => null),
      column(() => now),
      column(() => null),
      column(() => null),
      column(() => null),
    ],
    people,
  );
  const follows = readers * AUTHORS;
  const followColumn = <T>(f: (r: number, a: number) => T) =>
    Array.from({ length: follows }, (_, k) =>
      f(Math.floor(k / AUTHORS), k % AUTHORS),
    ) as unknown as ArrayLike<number | string | null>;
  await writer.insert(
    'follows',
    ['id', 'account_id', 'target_account_id', 'created_at'],
    [
      followColumn(() => newId(now)),
      followColumn((r) => accountIds[AUTHORS + r]!),
      followColumn((_, a) => accountIds[a]!),
      followColumn(() => now),
    ],
    follows,
  );
  await writer.finish({ analyze: true });
  await writer.close();
  return { readerTokens: tokens.slice(AUTHORS), authorTokens: tokens.slice(0, AUTHORS) };
}

/** N WebSocket clients; each records when each `bench-<seq>` post reaches it. */
async function connectClients(
  urls: string[],
): Promise<{ sockets: WebSocket[]; arrivals: number[][]; frameBytes: number[] }> {
  const arrivals: number[][] = [];
  const frameBytes: number[] = [];
  const sockets: WebSocket[] = [];
  const BATCH = 250;
  for (let i = 0; i < urls.length; i += BATCH) {
    const batch = urls.slice(i, i + BATCH);
    await Promise.all(
      batch.map(
        (url) =>
          new Promise<void>((resolve, reject) => {
            // The clients must stay cheaper than the server: no UTF-8 validation or decoding of
            // the frames, just a byte search for the post's marker.
            const socket = new WebSocket(url, undefined, {
              perMessageDeflate: false,
              skipUTF8Validation: true,
            });
            const mine: number[] = [];
            arrivals.push(mine);
            socket.on('message', (data: Buffer) => {
              const at = data.indexOf(MARKER);
              if (at < 0) return;
              let seq = 0;
              for (let i = at + MARKER.length; i < data.length; i++) {
                const digit = data[i]! - 48;
                if (digit < 0 || digit > 9) break;
                seq = seq * 10 + digit;
              }
              mine[seq] = performance.now();
              if (frameBytes.length < 50) frameBytes.push(data.length);
            });
            socket.once('open', () => resolve());
            socket.once('error', reject);
            socket.once('unexpected-response', (_request, response) =>
              reject(new Error(`upgrade refused: ${response.statusCode}`)),
            );
            sockets.push(socket);
          }),
      ),
    );
  }
  return { sockets, arrivals, frameBytes };
}

/** Sends `count` triggers at `rate` per second; `send(seq)` starts one (a post, or a broadcast). */
async function paced(
  count: number,
  perSecond: number,
  send: (seq: number) => Promise<void>,
  started: number[],
): Promise<void> {
  const interval = 1000 / perSecond;
  const begin = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let seq = 0; seq < count; seq++) {
    const due = begin + seq * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    started[seq] = performance.now();
    inFlight.push(send(seq));
  }
  await Promise.all(inFlight);
}

async function waitForDeliveries(arrivals: number[][], count: number, expected: number): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline) {
    let got = 0;
    for (const mine of arrivals) for (let s = 0; s < count; s++) if (mine[s] !== undefined) got++;
    if (got >= expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function summarise(
  clients: number,
  count: number,
  started: number[],
  arrivals: number[][],
  frameBytes: number[],
): LevelResult {
  const latencies: number[] = [];
  for (const mine of arrivals)
    for (let s = 0; s < count; s++) if (mine[s] !== undefined) latencies.push(mine[s]! - started[s]!);
  latencies.sort((a, b) => a - b);
  return {
    clients,
    posts: count,
    expected: clients * count,
    delivered: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    frameBytes: frameBytes.length ? Math.round(frameBytes.reduce((a, b) => a + b, 0) / frameBytes.length) : 0,
  };
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          socket.once('close', () => resolve());
          socket.terminate();
        }),
    ),
  );
}

async function databaseFor(
  level: number,
  dataDir: string,
): Promise<{ target: DatabaseTarget; url: string; drop(): Promise<void> }> {
  if (values.dialect === 'sqlite') {
    const file = path.join(dataDir, 'roost.sqlite');
    return { target: { dialect: 'sqlite', file }, url: file, drop: async () => undefined };
  }
  const admin = new pg.Client({ connectionString: values.database });
  await admin.connect();
  const name = `roost_stream_bench_${level}_${process.pid}`;
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(values.database);
  url.pathname = `/${name}`;
  return {
    target: { dialect: 'postgres', url: url.toString() },
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: values.database });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

async function runRoost(clients: number): Promise<LevelResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-stream-bench-'));
  const db = await databaseFor(clients, dataDir);
  let server: ChildServer | null = null;
  let sockets: WebSocket[] = [];
  try {
    const seeded = Date.now();
    const { readerTokens, authorTokens } = await seed(db.target, clients);
    console.error(`  seeded ${clients} readers in ${Date.now() - seeded} ms`);
    const port = await freePort();
    server = await startRoost({
      databaseUrl: db.url,
      dataDir,
      port,
      logFile: path.join(dataDir, 'roost.log'),
      extraEnv: {
        ROOST_RATE_LIMIT_SCALE: '1000',
        ...(values['node-options'] ? { NODE_OPTIONS: values['node-options'] } : {}),
      },
    });
    const wsBase = server.url.replace(/^http/, 'ws');
    const connection = await connectClients(
      readerTokens.map((t) => `${wsBase}/api/v1/streaming?stream=user&access_token=${t}`),
    );
    sockets = connection.sockets;
    const post = async (seq: number, label: string) => {
      const response = await fetch(`${server!.url}/api/v1/statuses`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${authorTokens[seq % AUTHORS]}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ status: `${label} bench-${seq} news from the field` }),
      });
      if (response.status !== 200) {
        const log = fs
          .readFileSync(path.join(dataDir, 'roost.log'), 'utf8')
          .split('\n')
          .slice(-15)
          .join('\n');
        throw new Error(`post failed: ${response.status} ${await response.text()}\n${log}`);
      }
      await response.arrayBuffer();
    };
    // Warm-up: every subscription is in place once a post reaches every client.
    const warm: number[][] = connection.arrivals;
    for (let attempt = 0; attempt < 20; attempt++) {
      await post(0, 'warm-up');
      await waitForDeliveries(warm, 1, clients);
      if (warm.every((mine) => mine[0] !== undefined)) break;
    }
    for (const mine of connection.arrivals) mine.length = 0;
    const started: number[] = [];
    await paced(postCount, rate, (seq) => post(seq, 'measured'), started);
    await waitForDeliveries(connection.arrivals, postCount, clients * postCount);
    return summarise(clients, postCount, started, connection.arrivals, connection.frameBytes);
  } finally {
    await closeAll(sockets);
    await server?.stop();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runCeiling(clients: number, frameBytes: number): Promise<LevelResult> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'bench/streaming-ceiling.ts'), String(port)],
    {
      cwd: REPO_ROOT,
      stdio: 'ignore',
    },
  );
  const base = `http://127.0.0.1:${port}`;
  let sockets: WebSocket[] = [];
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const connection = await connectClients(Array.from({ length: clients }, () => `ws://127.0.0.1:${port}/`));
    sockets = connection.sockets;
    const started: number[] = [];
    await paced(
      postCount,
      rate,
      async (seq) => {
        await (
          await fetch(`${base}/broadcast?seq=${seq}&bytes=${frameBytes}`, { method: 'POST' })
        ).arrayBuffer();
      },
      started,
    );
    await waitForDeliveries(connection.arrivals, postCount, clients * postCount);
    return summarise(clients, postCount, started, connection.arrivals, connection.frameBytes);
  } finally {
    await closeAll(sockets);
    child.kill('SIGTERM');
  }
}

function row(name: string, r: LevelResult): string {
  const share = ((100 * r.delivered) / r.expected).toFixed(r.delivered === r.expected ? 0 : 2);
  return `| ${name} | ${r.clients} | ${r.posts} | ${r.delivered}/${r.expected} (${share}%) | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.frameBytes} |`;
}

async function main(): Promise<void> {
  const limit = openFilesLimit();
  const needed = 2 * Math.max(...levels) + 1000;
  // Clients and servers each hold one descriptor per connection; children inherit this limit.
  if (limit < needed)
    throw new Error(`ulimit -n is ${limit}; ${needed} open files are needed (raise it: ulimit -n ${needed})`);
  console.error(
    `streaming bench: ${values.dialect}, clients ${levels.join(', ')}, ${postCount} posts at ${rate}/s, ${os.cpus().length} cores`,
  );
  const lines = [
    '| server | clients | posts | delivered | p50 ms | p99 ms | max ms | frame bytes |',
    '|---|---|---|---|---|---|---|---|',
  ];
  const results: Array<{ roost: LevelResult; ceiling: LevelResult }> = [];
  for (const clients of levels) {
    console.error(`- ${clients} clients: Roost`);
    const roost = await runRoost(clients);
    console.error(`  ${row('roost', roost)}`);
    console.error(`- ${clients} clients: bare ws ceiling`);
    const ceiling = await runCeiling(clients, roost.frameBytes || 2000);
    console.error(`  ${row('ceiling', ceiling)}`);
    lines.push(row(`Roost (${values.dialect})`, roost), row('bare ws broadcast', ceiling));
    results.push({ roost, ceiling });
  }
  console.log(lines.join('\n'));
  const out = path.join(
    REPO_ROOT,
    'bench/results',
    `streaming-${values.dialect}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify({ dialect: values.dialect, rate, posts: postCount, results }, null, 2),
  );
  console.error(`wrote ${path.relative(REPO_ROOT, out)}`);
}

// Run when invoked as a script (other scripts may import `seed`).
if (isMain) await main();
