/**
 * Idempotency keys (Mastodon's `Idempotency-Key` header on POST /api/v1/statuses): the first
 * request with a key does the work; any other with the same (account, key) within an hour gets
 * the same answer — status code and body — instead of a second post. The claim is a unique row
 * inserted, in its own transaction, before the work starts: on SQLite and PostgreSQL alike exactly
 * one concurrent insert wins, and the others wait for its answer.
 */
import type { Database } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export const IDEMPOTENCY_LIFETIME_MS = 3600 * 1000;
export const MAX_KEY_LENGTH = 255;
/** A claim whose worker said nothing for this long is taken to have died with it. */
const ABANDONED_AFTER_MS = 60_000;
const POLL_MS = 20;
/** Waiting longer than this for another request's answer gives up with a 409. */
const MAX_WAIT_MS = 30_000;

export class Idempotency {
  /** Claims held by this process: waiters here are woken at once rather than polling. */
  private readonly local = new Map<string, Promise<void>>();

  constructor(private readonly database: Database) {}

  /**
   * Runs `work` once per (account, scope, key). A failed attempt (an error thrown) keeps nothing,
   * so the client may retry with the same key.
   */
  async once(
    accountId: number,
    scope: string,
    key: string,
    work: () => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new AppError('validation_failed', `Idempotency-Key: must be 1 to ${MAX_KEY_LENGTH} characters`, {
        field: 'Idempotency-Key',
      });
    }
    const deadline = Date.now() + MAX_WAIT_MS;
    const name = `${accountId}\n${scope}\n${key}`;
    for (;;) {
      const now = Date.now();
      const claimId = await this.claim(accountId, scope, key, now);
      if (claimId !== null) return this.perform(name, claimId, work);
      const row = await this.find(accountId, scope, key);
      if (row && row.status_code !== null && row.expires_at > now) {
        return { statusCode: row.status_code, body: JSON.parse(row.response ?? 'null') as unknown };
      }
      if (
        row &&
        (row.expires_at <= now || (row.status_code === null && now - row.created_at > ABANDONED_AFTER_MS))
      ) {
        // An old answer, or a claim whose worker is gone: clear it and race for a fresh claim.
        await this.database.db.deleteFrom('idempotency_keys').where('id', '=', row.id).execute();
        continue;
      }
      if (row === undefined) continue;
      if (Date.now() > deadline) {
        throw new AppError('conflict', 'Another request with this Idempotency-Key is still being processed', {
          field: 'Idempotency-Key',
        });
      }
      await (this.local.get(name) ?? sleep(POLL_MS));
    }
  }

  /** Deletes answers older than their hour (called now and then; reads ignore them anyway). */
  async sweep(now = Date.now()): Promise<number> {
    const result = await this.database.db
      .deleteFrom('idempotency_keys')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async claim(accountId: number, scope: string, key: string, now: number): Promise<number | null> {
    const id = newId(now);
    const result = await this.database.db
      .insertInto('idempotency_keys')
      .values({
        id,
        account_id: accountId,
        scope,
        key,
        status_code: null,
        response: null,
        created_at: now,
        expires_at: now + IDEMPOTENCY_LIFETIME_MS,
      })
      .onConflict((oc) => oc.columns(['account_id', 'scope', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null;
  }

  private async perform(
    name: string,
    claimId: number,
    work: () => Promise<StoredResponse>,
  ): Promise<StoredResponse> {
    let release!: () => void;
    this.local.set(name, new Promise<void>((resolve) => (release = resolve)));
    try {
      const response = await work();
      await this.database.db
        .updateTable('idempotency_keys')
        .set({ status_code: response.statusCode, response: JSON.stringify(response.body) })
        .where('id', '=', claimId)
        .execute();
      if (Math.random() < 0.01) await this.sweep();
      return response;
    } catch (error) {
      await this.database.db.deleteFrom('idempotency_keys').where('id', '=', claimId).execute();
      throw error;
    } finally {
      this.local.delete(name);
      release();
    }
  }

  private async find(accountId: number, scope: string, key: string) {
    return this.database.db
      .selectFrom('idempotency_keys')
      .select(['id', 'status_code', 'response', 'created_at', 'expires_at'])
      .where('account_id', '=', accountId)
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
