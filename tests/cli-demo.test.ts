import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';

function captureIO(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), stdin: process.stdin, env } };
}

// The demo goes through every write service, so one run on SQLite is a broad smoke test as well.
describe('roost demo', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roost-demo-'));
  const env = { ROOST_DATA_DIR: dataDir, ROOST_LOG_LEVEL: 'silent' };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fills an empty database with a living company', { timeout: 180_000 }, async () => {
    const { io, out } = captureIO(env);
    expect(await main(['demo'], io)).toBe(0);
    expect(out.at(-1)).toMatch(/password "northwind-demo"/);

    const database = await openDatabase(loadConfig(env).database);
    try {
      const db = database.db;
      const departments = await db.selectFrom('departments').select('id').execute();
      expect(departments.length).toBeGreaterThanOrEqual(8);
      const people = await db.selectFrom('accounts').select(['title', 'manager_id', 'department_id']).execute();
      expect(people.length).toBeGreaterThanOrEqual(150);
      expect(people.every((p) => p.title !== '' && p.department_id !== null)).toBe(true);
      expect(people.filter((p) => p.manager_id === null)).toHaveLength(1);

      const posts = await db.selectFrom('statuses').select(['created_at', 'in_reply_to_id']).execute();
      const day = 24 * 3600_000;
      const times = posts.map((p) => p.created_at);
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(25 * day);
      expect(Math.min(...times)).toBeGreaterThan(Date.now() - 31 * day);
      expect(posts.filter((p) => p.in_reply_to_id !== null).length).toBeGreaterThan(100);
      const [tags, likes, follows, feed] = await Promise.all([
        db.selectFrom('status_tags').select('tag_id').execute(),
        db.selectFrom('favourites').select('id').execute(),
        db.selectFrom('follows').select('id').execute(),
        db.selectFrom('home_feed').select('status_id').execute(),
      ]);
      expect(tags.length).toBeGreaterThan(500);
      expect(likes.length).toBeGreaterThan(1000);
      expect(follows.length).toBeGreaterThan(1000);
      expect(feed.length).toBeGreaterThan(posts.length);
    } finally {
      await database.destroy();
    }

    const again = captureIO(env);
    expect(await main(['demo'], again.io)).toBe(1);
    expect(again.err).toEqual(['roost demo: the database already has posts; the demo only fills an empty one']);
  });

  it('rejects a bad seed with a one-line usage error', async () => {
    const { io, err } = captureIO(env);
    expect(await main(['demo', '--seed', 'abc'], io)).toBe(2);
    expect(err).toEqual(['roost demo: --seed must be a whole number, got "abc"']);
  });
});
