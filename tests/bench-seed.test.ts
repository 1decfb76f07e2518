/**
 * The benchmark's seeded database must look like one grown through the API, or the figures measure
 * the wrong thing: home feeds exactly as fan-out on write leaves them, working bearer tokens,
 * fan-out posters with exactly their 200 followers, and the same data for the same seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed, defaultSeedOptions, type SeedManifest } from '../bench/seed.js';
import { FEED_CAP } from '../bench/product-rules.js';
import { loadConfig, type Config } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { ApiClient } from './helpers/api-client.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from './helpers/dialects.js';

const SIZE = { people: 300, posts: 4_000, tokens: 50, fanoutPosters: 5, checkersPerPoster: 3 };

describe.each(DIALECTS)('benchmark seed (%s)', (dialect) => {
  let database: TestDatabase;
  let manifest: SeedManifest;
  let server: RunningServer;
  const client = (token: string) => new ApiClient(server.url, token);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    manifest = await seed(database.target, { ...defaultSeedOptions('tiny'), ...SIZE, log: () => undefined });
    const base = loadConfig({ ROOST_DATA_DIR: database.dataDir, ROOST_LOG_LEVEL: 'silent' });
    const config: Config = { ...base, database: database.target, host: '127.0.0.1', port: 0 };
    server = await startServer(config);
    server.ctx.config.baseUrl = server.url;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('writes the sizes asked for', () => {
    expect(manifest.counts.accounts).toBe(SIZE.people);
    expect(manifest.counts.statuses).toBe(SIZE.posts);
    expect(manifest.readers).toHaveLength(SIZE.tokens);
    expect(manifest.posters).toHaveLength(SIZE.fanoutPosters);
    expect(manifest.counts.home_feed).toBeGreaterThan(SIZE.people * 10);
  });

  it('materialises each home feed exactly as fan-out on write would, capped at the newest posts', async () => {
    const db = server.ctx.database.db;
    for (const reader of manifest.readers.slice(0, 8)) {
      const v = Number(reader.accountId);
      const expected = await db
        .selectFrom('statuses as s')
        .select('s.id')
        .where((eb) =>
          eb.or([
            eb('s.account_id', '=', v),
            eb.and([
              eb('s.visibility', '!=', 'mentioned'),
              eb('s.account_id', 'in', eb.selectFrom('follows').select('target_account_id').where('account_id', '=', v)),
              eb('s.account_id', 'not in', eb.selectFrom('fan_in_accounts').select('account_id')),
            ]),
            eb.exists(eb.selectFrom('mentions as m').select('m.status_id').whereRef('m.status_id', '=', 's.id').where('m.account_id', '=', v)),
          ]),
        )
        .orderBy('s.id', 'desc')
        .limit(FEED_CAP)
        .execute();
      const feed = await db.selectFrom('home_feed').select('status_id').where('account_id', '=', v).orderBy('status_id', 'desc').execute();
      expect(feed.map((r) => r.status_id)).toEqual(expected.map((r) => r.id));
    }
  });

  it('gives readers tokens that work and home timelines full of posts', async () => {
    const res = await client(manifest.readers[0]!.token).get('/api/v1/timelines/home?limit=20');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(20);
    const ids = res.body.map((s: { id: string }) => BigInt(s.id));
    expect([...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(ids);
    const notifications = await client(manifest.readers[0]!.token).get('/api/v1/notifications?limit=20');
    expect(notifications.status).toBe(200);
    expect(notifications.body.length).toBeGreaterThan(0);
  });

  it('tags posts so that the most popular hashtag has a full timeline', async () => {
    const tag = manifest.popularTags[0]!;
    const res = await client(manifest.readers[1]!.token).get(`/api/v1/timelines/tag/${tag}?limit=20`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(20);
    for (const status of res.body) expect(status.tags.map((t: { name: string }) => t.name)).toContain(tag);
    expect(res.body[0].content).toContain(`/tags/${tag}`);
  });

  it('gives each fan-out poster exactly its followers, and their posts reach those followers', async () => {
    const poster = manifest.posters[0]!;
    const account = await client(poster.token).get(`/api/v1/accounts/${poster.accountId}`);
    expect(account.body.followers_count).toBe(200);
    const { rows } = await sql<{ count: number | string }>`select count(*) as count from follows where target_account_id = ${Number(poster.accountId)}`.execute(server.ctx.database.db);
    expect(Number(rows[0]?.count)).toBe(200);

    const posted = await client(poster.token).post('/api/v1/statuses', { status: 'Hello from the benchmark test' });
    expect(posted.status).toBe(200);
    for (const follower of poster.followers) {
      const page = await client(follower.token).get(`/api/v1/timelines/home?min_id=${BigInt(posted.body.id) - 1n}&limit=1`);
      expect(page.body.map((s: { id: string }) => s.id)).toEqual([posted.body.id]);
    }
  });
});

describe('benchmark seed determinism', () => {
  it('produces the same data for the same seed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-seed-'));
    try {
      const options = { ...defaultSeedOptions('tiny'), people: 120, posts: 600, tokens: 5, fanoutPosters: 2, fanoutFollowers: 50, log: () => undefined };
      const texts: string[] = [];
      for (const name of ['a', 'b']) {
        const file = path.join(dir, `${name}.sqlite`);
        const manifest = await seed({ dialect: 'sqlite', file }, options);
        const SqliteDatabase = (await import('better-sqlite3')).default;
        const db = new SqliteDatabase(file, { readonly: true });
        const rows = db.prepare('select text from statuses order by id').all() as { text: string }[];
        db.close();
        texts.push(JSON.stringify([manifest.counts, manifest.popularTags, manifest.readers, rows.map((r) => r.text)]));
      }
      expect(texts[0]).toEqual(texts[1]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
