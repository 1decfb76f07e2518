/**
 * The durable job queue: jobs are rows written in the same transaction as the change that causes
 * them (the outbox), claimed by workers with a lease, retried with exponential backoff and jitter,
 * and kept as dead letters after their last attempt. Delivery is at least once, so handlers must
 * be idempotent. On PostgreSQL many workers claim with SKIP LOCKED; on SQLite one process works.
 */
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { newId } from '../domain/ids.js';

export interface JobContext {
  id: number;
  attempt: number;
}

export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;

export interface EnqueueOptions {
  runAt?: number;
  maxAttempts?: number;
  /** At most one pending job per key: enqueueing again is a no-op. */
  dedupeKey?: string;
}

/** A job that should be retried later than the usual backoff (e.g. a 429 with Retry-After). */
export class RetryLater extends Error {
  override name = 'RetryLater';
  constructor(
    readonly delayMs: number,
    message = 'retry later',
  ) {
    super(message);
  }
}

const LEASE_MS = 60_000;

export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(1000 * 2 ** (attempt - 1), 60 * 60 * 1000);
  return Math.round(base * (0.5 + random()));
}

export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private readonly recurring: Array<{ name: string; everyMs: number }> = [];
  private recurringTimers: NodeJS.Timeout[] = [];
  private readonly scheduling = new Set<Promise<void>>();
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  /** Writes a job inside the caller's transaction; a worker is nudged once it commits. */
  async enqueue(tx: Database, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<number> {
    tx.assertTransaction();
    const id = newId();
    const now = Date.now();
    await tx.db
      .insertInto('jobs')
      .values({
        id,
        name,
        payload: JSON.stringify(payload),
        run_at: options.runAt ?? now,
        max_attempts: options.maxAttempts ?? 8,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now,
        dead_at: null,
        dedupe_key: options.dedupeKey ?? null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
    tx.onCommit(() => this.wake?.());
    return id;
  }

  /** Claims and runs the jobs due now, up to `limit`. Returns how many ran. */
  async runDue(limit = 20): Promise<number> {
    const now = Date.now();
    const claimed = await this.database.transaction(async (tx) => {
      let due = tx.db
        .selectFrom('jobs')
        .select('id')
        .where('dead_at', 'is', null)
        .where('run_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('run_at')
        .limit(limit);
      if (tx.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((row) => row.id);
      if (ids.length === 0) return [];
      return tx.db
        .updateTable('jobs')
        .set((eb) => ({ locked_by: this.workerId, locked_until: now + LEASE_MS, attempts: eb('attempts', '+', 1) }))
        .where('id', 'in', ids)
        .returningAll()
        .execute();
    });
    for (const job of claimed) await this.runOne(job);
    return claimed.length;
  }

  private async runOne(job: { id: number; name: string; payload: string; attempts: number; max_attempts: number }) {
    const handler = this.handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler(JSON.parse(job.payload), { id: job.id, attempt: job.attempts });
      await this.database.db.deleteFrom('jobs').where('id', '=', job.id).execute();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = job.attempts >= job.max_attempts;
      const delay = error instanceof RetryLater ? error.delayMs : backoffDelay(job.attempts);
      await this.database.db
        .updateTable('jobs')
        .set({
          locked_by: null,
          locked_until: null,
          last_error: message.slice(0, 1000),
          run_at: Date.now() + delay,
          dead_at: dead ? Date.now() : null,
        })
        .where('id', '=', job.id)
        .execute();
      this.log.warn({ job: job.name, id: job.id, attempt: job.attempts, dead, err: message }, 'job failed');
    }
  }

  /**
   * Runs a job every `everyMs` while a worker runs. The schedule row is claimed atomically, so
   * many worker processes start each run once between them.
   */
  every(name: string, everyMs: number, handler: JobHandler): void {
    this.register(name, handler);
    this.recurring.push({ name, everyMs });
  }

  private async enqueueRecurring(name: string, everyMs: number): Promise<void> {
    const now = Date.now();
    await this.database.transaction(async (tx) => {
      await tx.db
        .insertInto('job_schedules')
        .values({ name, next_run_at: 0 })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const claimed = await tx.db
        .updateTable('job_schedules')
        .set({ next_run_at: now + everyMs })
        .where('name', '=', name)
        .where('next_run_at', '<=', now)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) await this.enqueue(tx, name, {}, { maxAttempts: 3 });
    });
  }

  /** Starts polling; jobs enqueued by this process wake the worker at once. */
  start(intervalMs = 500): void {
    if (this.timer) return;
    for (const { name, everyMs } of this.recurring) {
      const enqueue = () => {
        const pending = this.enqueueRecurring(name, everyMs)
          .then(() => this.wake?.())
          .catch((error: unknown) => this.log.error({ err: error, job: name }, 'could not schedule a recurring job'))
          .finally(() => this.scheduling.delete(pending));
        this.scheduling.add(pending);
      };
      enqueue();
      this.recurringTimers.push(setInterval(enqueue, everyMs));
    }
    const loop = async () => {
      try {
        while ((await this.runDue()) > 0) {
          /* drain */
        }
      } catch (error) {
        this.log.error({ err: error }, 'job worker failed');
      }
    };
    const tick = () => {
      if (this.running) return;
      this.running = loop().finally(() => {
        this.running = null;
      });
    };
    this.wake = tick;
    this.timer = setInterval(tick, intervalMs);
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    for (const timer of this.recurringTimers) clearInterval(timer);
    this.recurringTimers = [];
    this.timer = null;
    await Promise.all(this.scheduling);
    this.wake = null;
    await this.running;
  }

  /** Dead letters: jobs that used up their attempts, for an operator to inspect or retry. */
  async deadLetters(limit = 100) {
    return this.database.db.selectFrom('jobs').selectAll().where('dead_at', 'is not', null).orderBy('id', 'desc').limit(limit).execute();
  }

  async retryDead(id: number): Promise<boolean> {
    const result = await this.database.db
      .updateTable('jobs')
      .set({ dead_at: null, attempts: 0, run_at: Date.now(), last_error: null })
      .where('id', '=', id)
      .where('dead_at', 'is not', null)
      .executeTakeFirst();
    this.wake?.();
    return Number(result.numUpdatedRows) > 0;
  }
}
