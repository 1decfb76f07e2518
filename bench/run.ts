/**
 * The benchmark: seeds a fresh database, starts the real Roost server in a child process, and
 * measures the home timeline, a hashtag timeline, notifications and post creation with fan-out to
 * 200 followers (with the fan-out lag) — each beside a ceiling, a bare Fastify app serving the
 * same response bytes. Prints a table and writes bench/results/<dialect>-<preset>-<time>.json.
 *
 *   npx tsx bench/run.ts --dialect sqlite|postgres [--preset small|full] [--duration 10] [--runs 3]
 *     [--connections 10] [--scenarios home,tag,tag-rare,notifications,post] [--keep] [--reuse <manifest.json>]
 *     [--roost-dir <another checkout, e.g. with a proposed fix>] [--optimize (SQLite: PRAGMA optimize before start)]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import autocannon, { type Request } from 'autocannon';
import type { DatabaseTarget } from '../src/db/dialect.js';
import type { CeilingPage } from './ceiling.js';
import { FanoutLagChecker, type LagReport } from './fanout-lag.js';
import { rotatingGet, runLoad, type LoadResult } from './load.js';
import { REPO_ROOT, freePort, startCeiling, startRoost, type ChildServer } from './processes.js';
import { parseFlags, seed, seedOptionsFromFlags, type PresetName, type SeedManifest } from './seed.js';

const SCENARIOS = ['home', 'tag', 'tag-rare', 'notifications', 'post'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

interface Settings {
  dialect: 'sqlite' | 'postgres';
  preset: PresetName;
  durationSeconds: number;
  warmupSeconds: number;
  runs: number;
  connections: number;
  scenarios: ScenarioName[];
  keep: boolean;
  reuse: string | null;
  roostDir: string | null;
  optimize: boolean;
}

interface Measurement {
  roost: LoadResult;
  ceiling: LoadResult;
  lag?: LagReport;
}

interface ScenarioSummary {
  scenario: ScenarioName;
  runs: number;
  /** Medians over the runs. */
  rps: number;
  ceilingRps: number;
  ratio: number;
  p50: number;
  p99: number;
  ceilingP50: number;
  ceilingP99: number;
  max: number;
  non2xx: number;
  errors: number;
  responseBytes: number;
  lag?: {
    feedRowsP50: number;
    feedRowsP99: number;
    feedRowsMax: number;
    feedRowsMissed: number;
    p50: number;
    p99: number;
    max: number;
    missed: number;
    sampled: number;
    firstThirdP50: number;
    lastThirdP50: number;
  };
}

type Stored = SeedManifest & { target: DatabaseTarget };

function settingsFrom(argv: string[]): { settings: Settings; flags: Map<string, string> } {
  const flags = parseFlags(argv);
  const dialect = flags.get('dialect') ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--dialect must be sqlite or postgres');
  const number = (name: string, fallback: number) => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
    return value;
  };
  const scenarios = (flags.get('scenarios') ?? SCENARIOS.join(',')).split(',').map((s) => s.trim());
  for (const s of scenarios) if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`unknown scenario "${s}"`);
  return {
    flags,
    settings: {
      dialect,
      preset: (flags.get('preset') ?? 'full') as PresetName,
      durationSeconds: number('duration', 10),
      warmupSeconds: number('warmup', 3),
      runs: Math.max(1, Math.floor(number('runs', 1))),
      connections: Math.max(1, Math.floor(number('connections', 10))),
      scenarios: scenarios as ScenarioName[],
      keep: flags.has('keep'),
      reuse: flags.get('reuse') ?? null,
      roostDir: flags.has('roost-dir') ? path.resolve(flags.get('roost-dir')!) : null,
      optimize: flags.has('optimize'),
    },
  };
}

/** A fresh database: a file in a temporary directory, or a new database on the PostgreSQL server. */
async function freshDatabase(dialect: Settings['dialect'], dataDir: string): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    return { target: { dialect: 'sqlite', file: path.join(dataDir, 'roost.sqlite') }, drop: async () => undefined };
  }
  const adminUrl = process.env.ROOST_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const name = `roost_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { dialect: 'postgres', url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

function databaseUrl(target: DatabaseTarget): string {
  return target.dialect === 'sqlite' ? target.file : target.url;
}

interface Capture {
  page: CeilingPage;
  ok: boolean;
  detail: string;
}

async function capture(baseUrl: string, method: 'GET' | 'POST', pathname: string, token: string, ceilingPath: string, body?: unknown): Promise<Capture> {
  const response = await fetch(baseUrl + pathname, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const ok = response.ok && text.length > 2;
  return {
    ok,
    detail: `${method} ${pathname} → ${response.status}, ${text.length} bytes${ok ? '' : `: ${text.slice(0, 200)}`}`,
    page: { method, path: ceilingPath, status: response.status, contentType: response.headers.get('content-type') ?? 'application/json', body: text },
  };
}

/** Counts a post's home_feed rows from a connection of our own (read-only for SQLite, which WAL allows beside the server). */
async function openFeedProbe(target: DatabaseTarget): Promise<{ count(statusId: number): Promise<number>; close(): Promise<void> }> {
  if (target.dialect === 'sqlite') {
    const db = new SqliteDatabase(target.file, { readonly: true });
    const statement = db.prepare('select count(*) as n from home_feed where status_id = ?');
    return {
      count: async (statusId) => (statement.get(statusId) as { n: number }).n,
      close: async () => {
        db.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 4 });
  return {
    count: async (statusId) => Number((await pool.query<{ n: string }>('select count(*) as n from home_feed where status_id = $1', [statusId])).rows[0]!.n),
    close: () => pool.end(),
  };
}

/** Waits until the server answers a trivial request quickly, i.e. has worked off any backlog. */
async function settle(healthUrl: string, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  for (;;) {
    const before = performance.now();
    const response = await fetch(healthUrl).catch(() => null);
    await response?.arrayBuffer();
    if (performance.now() - before < 50) break;
    if (performance.now() - started > 300_000) {
      log('bench: the server is still busy after 5 minutes; measuring anyway');
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const waited = performance.now() - started;
  if (waited > 1_000) log(`bench: waited ${(waited / 1000).toFixed(1)} s for the server to work off its backlog`);
}

function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarise(scenario: ScenarioName, runs: Measurement[]): ScenarioSummary {
  const m = (pick: (r: Measurement) => number) => median(runs.map(pick));
  const lagRuns = runs.filter((r) => r.lag);
  return {
    scenario,
    runs: runs.length,
    rps: m((r) => r.roost.rps),
    ceilingRps: m((r) => r.ceiling.rps),
    ratio: m((r) => r.roost.rps / r.ceiling.rps),
    p50: m((r) => r.roost.latencyMs.p50),
    p99: m((r) => r.roost.latencyMs.p99),
    ceilingP50: m((r) => r.ceiling.latencyMs.p50),
    ceilingP99: m((r) => r.ceiling.latencyMs.p99),
    max: m((r) => r.roost.latencyMs.max),
    non2xx: runs.reduce((s, r) => s + r.roost.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.roost.errors + r.roost.timeouts, 0),
    responseBytes: m((r) => r.roost.meanResponseBytes),
    ...(lagRuns.length > 0
      ? {
          lag: {
            feedRowsP50: median(lagRuns.map((r) => r.lag!.feedRowsMs.p50)),
            feedRowsP99: median(lagRuns.map((r) => r.lag!.feedRowsMs.p99)),
            feedRowsMax: Math.max(...lagRuns.map((r) => r.lag!.feedRowsMs.max)),
            feedRowsMissed: lagRuns.reduce((s, r) => s + r.lag!.feedRowsMissed, 0),
            p50: median(lagRuns.map((r) => r.lag!.lagMs.p50)),
            p99: median(lagRuns.map((r) => r.lag!.lagMs.p99)),
            max: Math.max(...lagRuns.map((r) => r.lag!.lagMs.max)),
            missed: lagRuns.reduce((s, r) => s + r.lag!.missed, 0),
            sampled: lagRuns.reduce((s, r) => s + r.lag!.sampled, 0),
            firstThirdP50: median(lagRuns.map((r) => r.lag!.firstThirdP50)),
            lastThirdP50: median(lagRuns.map((r) => r.lag!.lastThirdP50)),
          },
        }
      : {}),
  };
}

const fixed = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

function table(summaries: ScenarioSummary[]): string {
  const header = ['scenario', 'req/s', 'ceiling', 'ratio', 'p50 ms', '(ceil)', 'p99 ms', '(ceil)', 'max ms', 'non-2xx', 'bytes'];
  const rows = summaries.map((s) => [
    s.scenario,
    fixed(s.rps, s.rps < 10 ? 1 : 0),
    fixed(s.ceilingRps, 0),
    fixed(s.ratio, 2),
    fixed(s.p50, 2),
    fixed(s.ceilingP50, 2),
    fixed(s.p99, 2),
    fixed(s.ceilingP99, 2),
    fixed(s.max, 1),
    String(s.non2xx + s.errors),
    fixed(s.responseBytes, 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  for (const s of summaries) {
    if (s.lag) {
      out.push(
        `fan-out, all ${'followers'} (home_feed rows, from the database): p50 ${fixed(s.lag.feedRowsP50)} ms, p99 ${fixed(s.lag.feedRowsP99)} ms, ` +
          `max ${fixed(s.lag.feedRowsMax)} ms, ${s.lag.feedRowsMissed} incomplete after 5 s`,
        `fan-out, seen through GET /api/v1/timelines/home by sampled followers: p50 ${fixed(s.lag.p50)} ms, p99 ${fixed(s.lag.p99)} ms, ` +
          `max ${fixed(s.lag.max)} ms; ${s.lag.sampled} posts sampled, ${s.lag.missed} not seen within 5 s; ` +
          `median first third ${fixed(s.lag.firstThirdP50)} ms → last third ${fixed(s.lag.lastThirdP50)} ms`,
      );
    }
  }
  return out.join('\n');
}

function targets(dialect: string, summaries: ScenarioSummary[]): string[] {
  const lines: string[] = [];
  const home = summaries.find((s) => s.scenario === 'home');
  if (home) {
    const pass = home.ratio >= 0.3 && home.p99 <= 20;
    lines.push(`target home timeline${dialect === 'sqlite' ? '' : ' (set for SQLite)'}: ≥ 0.3 of ceiling and p99 ≤ 20 ms → ratio ${fixed(home.ratio, 2)}, p99 ${fixed(home.p99, 2)} ms: ${pass ? 'MET' : 'NOT MET'}`);
  }
  const post = summaries.find((s) => s.scenario === 'post');
  if (post?.lag) {
    const pass = post.rps >= 300 && post.lag.max <= 1000 && post.lag.missed === 0 && post.lag.feedRowsMax <= 1000 && post.lag.feedRowsMissed === 0;
    lines.push(
      `target post creation${dialect === 'sqlite' ? '' : ' (set for SQLite)'}: ≥ 300 posts/s, every follower within 1 s → ${fixed(post.rps, 0)} posts/s, ` +
        `feed rows max ${fixed(post.lag.feedRowsMax)} ms, seen via API max ${fixed(post.lag.max)} ms: ${pass ? 'MET' : 'NOT MET'}`,
    );
  }
  return lines;
}

async function main(argv: string[]): Promise<void> {
  const { settings, flags } = settingsFrom(argv);
  const log = (line: string) => console.error(line);
  const resultsDir = path.join(REPO_ROOT, 'bench/results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-bench-'));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const cleanups: (() => Promise<void>)[] = [];
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  try {
    let stored: Stored;
    let seedSeconds: number | null = null;
    if (settings.reuse) {
      stored = JSON.parse(fs.readFileSync(settings.reuse, 'utf8')) as Stored;
      if (stored.target.dialect !== settings.dialect) throw new Error(`${settings.reuse} is a ${stored.target.dialect} database`);
      log(`bench: reusing ${databaseUrl(stored.target)} (seeded ${new Date(stored.seededAt).toISOString()})`);
    } else {
      const fresh = await freshDatabase(settings.dialect, workDir);
      if (!settings.keep) cleanups.push(fresh.drop);
      const options = seedOptionsFromFlags(flags);
      options.baseUrl = baseUrl;
      options.log = log;
      log(`bench: seeding ${options.people} people / ${options.posts} posts into ${settings.dialect}`);
      const started = performance.now();
      const manifest = await seed(fresh.target, options);
      seedSeconds = (performance.now() - started) / 1000;
      stored = { ...manifest, target: fresh.target };
      const manifestFile = path.join(settings.keep ? resultsDir : workDir, `seed-${settings.dialect}-${stamp}.json`);
      fs.writeFileSync(manifestFile, JSON.stringify(stored, null, 2));
      log(`bench: seeded in ${seedSeconds.toFixed(1)} s${settings.keep ? `; reuse with --reuse ${manifestFile}` : ''}`);
    }

    if (settings.optimize && stored.target.dialect === 'sqlite') {
      // What SQLite recommends at connection open (3.46+): gather planner statistics where missing.
      const started = performance.now();
      const db = new SqliteDatabase(stored.target.file);
      db.pragma('optimize = 0x10002');
      db.close();
      log(`bench: PRAGMA optimize=0x10002 took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }

    const roost = await startRoost({
      databaseUrl: databaseUrl(stored.target),
      dataDir: workDir,
      port,
      logFile: path.join(workDir, 'roost.log'),
      ...(settings.roostDir ? { rootDir: settings.roostDir } : {}),
    });
    cleanups.unshift(roost.stop);
    log(`bench: roost listening at ${roost.url} (log: ${path.join(workDir, 'roost.log')})`);

    const readers = stored.readers.map((r) => r.token);
    const tags = stored.popularTags.slice(0, 10);
    const rareTags = stored.rareTags ?? [];
    const poster = stored.posters[0]!;
    const captures: Record<ScenarioName, Capture> = {
      home: await capture(roost.url, 'GET', '/api/v1/timelines/home?limit=20', readers[0]!, '/home'),
      tag: await capture(roost.url, 'GET', `/api/v1/timelines/tag/${tags[0]}?limit=20`, readers[0]!, '/tag'),
      'tag-rare': rareTags.length
        ? await capture(roost.url, 'GET', `/api/v1/timelines/tag/${rareTags[0]}?limit=20`, readers[0]!, '/tag-rare')
        : { ok: false, detail: 'no rare tags in this seed manifest', page: { method: 'GET', path: '/tag-rare', status: 0, contentType: '', body: '' } },
      notifications: await capture(roost.url, 'GET', '/api/v1/notifications?limit=20', readers[0]!, '/notifications'),
      post: await capture(roost.url, 'POST', '/api/v1/statuses', poster.token, '/statuses', { status: 'Benchmark warm-up post #benchmark' }),
    };
    for (const name of SCENARIOS) log(`bench: capture ${name}: ${captures[name].detail}`);
    const runnable = settings.scenarios.filter((s) => captures[s].ok);
    const skipped = settings.scenarios.filter((s) => !captures[s].ok);
    if (skipped.length > 0) log(`bench: skipping ${skipped.join(', ')} (the endpoint does not work yet)`);

    const pagesFile = path.join(workDir, 'ceiling-pages.json');
    fs.writeFileSync(pagesFile, JSON.stringify(runnable.map((s) => captures[s].page)));
    const ceiling = await startCeiling({ pagesFile, port: await freePort(), logFile: path.join(workDir, 'ceiling.log') });
    cleanups.unshift(ceiling.stop);

    const posterFollowers = stored.posters.map((p) => p.followers.map((f) => f.token));
    const feedProbe = await openFeedProbe(stored.target);
    cleanups.unshift(feedProbe.close);
    let postCounter = 0;
    const requestsFor = (scenario: ScenarioName, target: 'roost' | 'ceiling', lag: FanoutLagChecker | null): Request[] => {
      if (target === 'ceiling') {
        const page = captures[scenario].page;
        const body = scenario === 'post' ? JSON.stringify({ status: 'Ceiling post' }) : undefined;
        return [
          {
            method: page.method,
            path: page.path,
            headers: { authorization: `Bearer ${readers[0]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
            ...(body ? { body } : {}),
          },
        ];
      }
      switch (scenario) {
        case 'home':
          return rotatingGet(['/api/v1/timelines/home?limit=20'], readers);
        case 'tag':
          return rotatingGet(tags.map((t) => `/api/v1/timelines/tag/${t}?limit=20`), readers);
        case 'tag-rare':
          return rotatingGet(rareTags.map((t) => `/api/v1/timelines/tag/${t}?limit=20`), readers);
        case 'notifications':
          return rotatingGet(['/api/v1/notifications?limit=20'], readers);
        case 'post':
          return [
            {
              method: 'POST',
              setupRequest: (request, context) => {
                const n = postCounter++;
                const p = n % stored.posters.length;
                context.poster = p;
                return {
                  ...request,
                  method: 'POST',
                  path: '/api/v1/statuses',
                  headers: { ...request.headers, 'content-type': 'application/json', authorization: `Bearer ${stored.posters[p]!.token}` },
                  body: JSON.stringify({ status: `Benchmark post ${n} from the load generator, fanned out to 200 followers #benchmark${n % 7}` }),
                };
              },
              onResponse: (status, body, context) => {
                if (status !== 200 || !lag) return;
                const id = (JSON.parse(body) as { id: string }).id;
                lag.track(id, posterFollowers[context.poster as number]!);
              },
            },
          ];
      }
    };

    const measure = async (scenario: ScenarioName, target: 'roost' | 'ceiling', seconds: number) => {
      // Requests still queued from the previous measurement must not eat into this one.
      if (target === 'roost') await touchTokens();
      await settle(target === 'roost' ? `${roost.url}/api/roost/v1/health` : `${ceiling.url}/health`, log);
      const lag =
        target === 'roost' && scenario === 'post'
          ? new FanoutLagChecker(roost.url, {
              maxInFlight: 4,
              pollIntervalMs: 10,
              timeoutMs: 5_000,
              feedRows: feedProbe.count,
              expectedRows: stored.options.fanoutFollowers + 1,
            })
          : null;
      const result = await runLoad({
        url: target === 'roost' ? roost.url : ceiling.url,
        connections: settings.connections,
        durationSeconds: seconds,
        requests: requestsFor(scenario, target, lag),
      });
      return { result, lag: lag ? await lag.drain() : undefined };
    };

    // A token's first use in five minutes writes its last_used_at (src/services/auth/credentials.ts).
    // In steady use that is rare; with 1,000 rotating tokens it would hit most measured requests,
    // so every token is used once shortly before each measurement (the cost is reported apart).
    const allTokens = [...new Set([...readers, ...stored.posters.flatMap((p) => [p.token, ...p.followers.map((f) => f.token)])])];
    let tokensTouchedAt = -Infinity;
    const touchTokens = async () => {
      if (performance.now() - tokensTouchedAt < 4 * 60_000) return;
      const started = performance.now();
      let i = 0;
      const instance = autocannon({
        url: roost.url,
        connections: settings.connections,
        amount: allTokens.length,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: '/api/v1/accounts/verify_credentials',
              headers: { ...request.headers, authorization: `Bearer ${allTokens[i++ % allTokens.length]}` },
            }),
          },
        ],
      });
      await instance;
      tokensTouchedAt = performance.now();
      log(`bench: touched ${allTokens.length} tokens in ${((tokensTouchedAt - started) / 1000).toFixed(1)} s`);
    };

    const perScenario = new Map<ScenarioName, Measurement[]>();
    for (let run = 1; run <= settings.runs; run++) {
      for (const scenario of runnable) {
        if (run === 1 && settings.warmupSeconds > 0) {
          await measure(scenario, 'ceiling', settings.warmupSeconds);
          await measure(scenario, 'roost', settings.warmupSeconds);
        }
        const ceilingRun = await measure(scenario, 'ceiling', settings.durationSeconds);
        const roostRun = await measure(scenario, 'roost', settings.durationSeconds);
        const measurement: Measurement = { roost: roostRun.result, ceiling: ceilingRun.result, ...(roostRun.lag ? { lag: roostRun.lag } : {}) };
        perScenario.set(scenario, [...(perScenario.get(scenario) ?? []), measurement]);
        log(
          `bench: run ${run}/${settings.runs} ${scenario}: ${roostRun.result.rps.toFixed(0)} req/s ` +
            `(ceiling ${ceilingRun.result.rps.toFixed(0)}), p99 ${roostRun.result.latencyMs.p99.toFixed(2)} ms` +
            (roostRun.lag ? `, lag p99 ${roostRun.lag.lagMs.p99.toFixed(1)} ms` : ''),
        );
      }
    }

    const summaries = runnable.map((s) => summarise(s, perScenario.get(s)!));
    const report = [
      `Roost benchmark — ${settings.dialect}${settings.optimize ? ' (optimized)' : ''}${settings.roostDir ? ` [${settings.roostDir}]` : ''}, ${stored.options.people} people / ${stored.options.posts} posts, ` +
        `${settings.connections} connections, ${settings.durationSeconds} s × ${settings.runs} run(s) (medians)`,
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      '',
      table(summaries),
      '',
      ...targets(settings.dialect, summaries),
      ...(skipped.length > 0 ? [`not measured (endpoint not working): ${skipped.join(', ')}`] : []),
    ].join('\n');
    console.log(report);

    const { readers: _r, posters: _p, ...seedInfo } = stored;
    void _r;
    void _p;
    const file = path.join(resultsDir, `${settings.dialect}-${stored.options.people}x${stored.options.posts}-${stamp}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify(
        {
          settings,
          machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg(), totalMemory: os.totalmem() },
          seed: { ...seedInfo, seconds: seedSeconds === null ? seedInfo.seconds : { ...seedInfo.seconds, total: seedSeconds } },
          captures: Object.fromEntries(SCENARIOS.map((s) => [s, captures[s].detail])),
          summaries,
          runs: Object.fromEntries([...perScenario].map(([s, ms]) => [s, ms.map((m) => ({ ...m, lag: m.lag ? { ...m.lag, samples: undefined } : undefined }))])),
        },
        null,
        2,
      ),
    );
    console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`bench: cleanup failed: ${String(error)}`));
    if (!settings.keep) fs.rmSync(workDir, { recursive: true, force: true });
    else log(`bench: kept ${workDir}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
