/**
 * Where a request's time goes in the database: runs a request many times in-process (Fastify's
 * inject, rotating the seeded bearer tokens) and prints every SQL statement with its count and
 * total time, slowest first. For finding N+1 queries, missing indexes and slow plans.
 *
 *   npx tsx bench/query-profile.ts --manifest <seed manifest.json> --path '/api/v1/timelines/home?limit=20' [--requests 50]
 *     (in the path, TAG stands for a popular hashtag and RARE for a rarely used one, rotating)
 *     [--method POST --body '{"status":"hi N"}' --as posters] [--full] [--top 15] [--explain]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import type { DatabaseTarget } from '../src/db/dialect.js';
import { startServer } from '../src/server.js';
import { parseFlags, type SeedManifest } from './seed.js';

interface Timing {
  count: number;
  ms: number;
  /** The slowest execution's SQL and parameters, for EXPLAIN. */
  slowest: { ms: number; sql: string; params: unknown[] };
}

const timings = new Map<string, Timing>();
const fullSql = process.argv.includes('--full');
function record(sqlText: string, ms: number, params: unknown[]): void {
  const key = sqlText.replace(/\s+/g, ' ').replace(/\(\?(, \?)+\)/g, '(?…)').slice(0, fullSql ? undefined : 600);
  const t = timings.get(key) ?? { count: 0, ms: 0, slowest: { ms: -1, sql: sqlText, params } };
  t.count += 1;
  t.ms += ms;
  if (ms > t.slowest.ms) t.slowest = { ms, sql: sqlText, params };
  timings.set(key, t);
}

function instrumentSqlite(): void {
  const prototype = SqliteDatabase.prototype as unknown as { prepare(source: string): unknown };
  const prepare = prototype.prepare;
  prototype.prepare = function (this: unknown, source: string) {
    const statement = prepare.call(this, source) as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['all', 'run', 'get', 'iterate'] as const) {
      const original = statement[method];
      if (typeof original !== 'function') continue;
      statement[method] = function (this: unknown, ...args: unknown[]) {
        const started = performance.now();
        try {
          return original.apply(this, args);
        } finally {
          record(source, performance.now() - started, (Array.isArray(args[0]) ? args[0] : args) as unknown[]);
        }
      };
    }
    return statement;
  };
}

function instrumentPostgres(): void {
  const prototype = pg.Client.prototype as unknown as { query(...args: unknown[]): unknown };
  const query = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
    const params = (Array.isArray(args[1]) ? args[1] : ((args[0] as { values?: unknown[] })?.values ?? [])) as unknown[];
    const started = performance.now();
    const result = query.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<unknown>).finally(() => record(text, performance.now() - started, params));
    }
    return result;
  };
}

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv.filter((a) => a !== '--full'));
  const manifestFile = flags.get('manifest');
  if (!manifestFile) throw new Error('--manifest <seed manifest.json> is required');
  const stored = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as SeedManifest & { target: DatabaseTarget };
  const requestPath = flags.get('path') ?? '/api/v1/timelines/home?limit=20';
  const method = (flags.get('method') ?? 'GET') as 'GET' | 'POST';
  const requests = Number(flags.get('requests') ?? 50);
  const tokens = flags.get('as') === 'posters' ? stored.posters.map((p) => p.token) : stored.readers.map((r) => r.token);
  if (stored.target.dialect === 'sqlite') instrumentSqlite();
  else instrumentPostgres();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-profile-'));
  const config = {
    ...loadConfig({ ROOST_DATA_DIR: dataDir, ROOST_LOG_LEVEL: 'warn' }),
    database: stored.target,
    host: '127.0.0.1',
    port: 0,
  };
  const server = await startServer(config);
  try {
    const run = async (i: number) => {
      const response = await server.app.inject({
        method,
        url: requestPath.replace('RARE', stored.rareTags[i % stored.rareTags.length]!).replace('TAG', stored.popularTags[i % 10]!),
        headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, ...(flags.has('body') ? { 'content-type': 'application/json' } : {}) },
        ...(flags.has('body') ? { payload: flags.get('body')!.replace('N', String(i)) } : {}),
      });
      if (response.statusCode >= 300) throw new Error(`${response.statusCode}: ${response.body.slice(0, 300)}`);
    };
    // Each token's first use in five minutes writes last_used_at; touch them all first so the
    // profile shows the steady state (that write is reported separately).
    for (const token of tokens) {
      await server.app.inject({ method: 'GET', url: '/api/v1/accounts/verify_credentials', headers: { authorization: `Bearer ${token}` } });
    }
    for (let i = 0; i < 5; i++) await run(i);
    timings.clear();
    const started = performance.now();
    for (let i = 0; i < requests; i++) await run(i + 5);
    const elapsed = performance.now() - started;
    const rows = [...timings].sort((a, b) => b[1].ms - a[1].ms);
    const dbMs = rows.reduce((s, [, t]) => s + t.ms, 0);
    console.log(`${requests} × ${method} ${requestPath}: ${(elapsed / requests).toFixed(2)} ms per request, of which SQL ${(dbMs / requests).toFixed(2)} ms`);
    for (const [sqlText, t] of rows.slice(0, Number(flags.get('top') ?? 15))) {
      console.log(`\n${(t.ms / requests).toFixed(3).padStart(8)} ms/req  ${String(t.count / requests).padStart(4)}×/req  ${(t.ms / t.count).toFixed(3)} ms each\n  ${sqlText}`);
    }
    if (flags.has('explain') && rows[0]) {
      const { sql: slowSql, params } = rows[0][1].slowest;
      console.log(`\nplan of the slowest statement's slowest execution:`);
      if (stored.target.dialect === 'sqlite') {
        const db = new SqliteDatabase(stored.target.file, { readonly: true });
        for (const r of db.prepare(`explain query plan ${slowSql}`).all(...params) as { detail: string }[]) console.log(`  ${r.detail}`);
        db.close();
      } else {
        const client = new pg.Client({ connectionString: stored.target.url });
        await client.connect();
        const plan = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${slowSql}`, params);
        for (const r of plan.rows) console.log(`  ${r['QUERY PLAN']}`);
        await client.end();
      }
    }
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
