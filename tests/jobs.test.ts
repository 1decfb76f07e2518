import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Database } from '../src/db/database.js';
import { migrateToLatest, openDatabase } from '../src/db/open.js';
import { JobQueue, RetryLater, backoffDelay } from '../src/jobs/queue.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from './helpers/dialects.js';

describe.each(DIALECTS)('job queue (%s)', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  let queue: JobQueue;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = await openDatabase(testDb.target);
    await migrateToLatest(database);
    queue = new JobQueue(database, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await database.destroy();
    await testDb.drop();
  });

  it('runs a job only if the transaction that enqueued it commits', async () => {
    const seen: unknown[] = [];
    queue.register('record', async (payload) => {
      seen.push(payload);
    });
    await database.transaction((tx) => queue.enqueue(tx, 'record', { n: 1 }));
    await expect(
      database.transaction(async (tx) => {
        await queue.enqueue(tx, 'record', { n: 2 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await queue.runDue()).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await database.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });

  it('retries a failing job later and keeps it as a dead letter after its last attempt', async () => {
    let calls = 0;
    queue.register('flaky', async () => {
      calls += 1;
      throw new Error('boom');
    });
    const id = await database.transaction((tx) => queue.enqueue(tx, 'flaky', {}, { maxAttempts: 2 }));
    expect(await queue.runDue()).toBe(1);
    // Not due again until its backoff has passed.
    expect(await queue.runDue()).toBe(0);
    await database.db.updateTable('jobs').set({ run_at: 0 }).where('id', '=', id).execute();
    expect(await queue.runDue()).toBe(1);
    expect(calls).toBe(2);
    const dead = await queue.deadLetters();
    expect(dead.map((j) => [j.id, j.last_error])).toEqual([[id, 'boom']]);
    await database.db.updateTable('jobs').set({ run_at: 0 }).where('id', '=', id).execute();
    expect(await queue.runDue()).toBe(0);
    expect(await queue.retryDead(id)).toBe(true);
    expect(await queue.runDue()).toBe(1);
    expect(calls).toBe(3);
  });

  it('honours RetryLater delays and dedupe keys', async () => {
    queue.register('later', async () => {
      throw new RetryLater(3_600_000);
    });
    const before = Date.now();
    await database.transaction(async (tx) => {
      await queue.enqueue(tx, 'later', {}, { dedupeKey: 'once' });
      await queue.enqueue(tx, 'later', {}, { dedupeKey: 'once' });
    });
    expect(await queue.runDue()).toBe(1);
    const rows = await database.db.selectFrom('jobs').selectAll().where('dedupe_key', '=', 'once').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.run_at).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it('runs a recurring job once per period however many workers schedule it', async () => {
    let runs = 0;
    const other = new JobQueue(database, pino({ level: 'silent' }));
    for (const q of [queue, other]) q.every('tick', 3_600_000, async () => void (runs += 1));
    queue.start(60_000);
    other.start(60_000);
    await queue.stop();
    await other.stop();
    while ((await queue.runDue()) > 0) {
      /* drain what the workers had not run yet */
    }
    expect(runs).toBe(1);
    // Once the period has passed, the next worker to look starts the next run.
    await database.db.updateTable('job_schedules').set({ next_run_at: 0 }).where('name', '=', 'tick').execute();
    other.start(60_000);
    await other.stop();
    while ((await queue.runDue()) > 0) {
      /* drain */
    }
    expect(runs).toBe(2);
  });

  it('backs off exponentially with jitter', () => {
    expect(backoffDelay(1, () => 0.5)).toBe(1000);
    expect(backoffDelay(4, () => 0.5)).toBe(8000);
    expect(backoffDelay(4, () => 0)).toBe(4000);
    expect(backoffDelay(30, () => 0.5)).toBe(3_600_000);
  });
});
