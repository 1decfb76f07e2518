/**
 * Scheduled statuses (Mastodon's `scheduled_at` on POST /api/v1/statuses): the post's parameters
 * are stored with a durable job written in the same transaction; at the time, the job publishes
 * them through `posts.create` like any other post. Publishing is idempotent by the scheduled
 * status's id, so a job that runs twice posts once. Once published the scheduled status is gone.
 */
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { finishPage, lowerBound, pageOrder, type PageRequest } from '../../domain/pagination.js';
import { checkPostText } from '../../domain/text/length.js';
import type { Visibility } from '../../domain/visibility.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Accounts } from '../accounts/account-service.js';
import type { Idempotency } from '../idempotency/idempotency-service.js';
import type { Media, MediaAttachment } from '../media/media-service.js';
import type { Posts } from '../posts/post-service.js';
import type { PostViewer } from '../posts/post-viewer.js';

/** What the author asked for, kept until the time comes (Mastodon's ScheduledStatus `params`). */
export interface ScheduledParams {
  text: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  visibility: Visibility | null;
  inReplyToId: number | null;
  mediaIds: number[];
}

export interface ScheduledStatus {
  id: number;
  accountId: number;
  scheduledAt: number;
  params: ScheduledParams;
  media: MediaAttachment[];
}

export const PUBLISH_JOB = 'scheduled_status.publish';
/** Mastodon refuses times closer than five minutes. */
export const MIN_LEAD_MS = 5 * 60 * 1000;
/** A person may hold this many scheduled posts (Mastodon: 300), and this many for one day (50). */
export const MAX_SCHEDULED = 300;
export const MAX_SCHEDULED_PER_DAY = 50;

interface PublishJob {
  id: number;
  at: number;
}

export interface ScheduledDeps {
  config: Pick<Config, 'baseUrl' | 'maxPostLength'>;
  database: Database;
  accounts: Accounts;
  posts: Posts;
  media: Media;
  idempotency: Idempotency;
}

export class Scheduled {
  private queue: JobQueue | null = null;

  constructor(private readonly deps: ScheduledDeps) {}

  /** Attaches the process's job queue and registers the publishing handler (the worker role runs it). */
  attach(queue: JobQueue): void {
    this.queue = queue;
    queue.register(PUBLISH_JOB, (payload) => this.publish(payload as PublishJob));
  }

  async schedule(
    viewer: PostViewer,
    params: ScheduledParams,
    scheduledAt: number,
    now = Date.now(),
  ): Promise<ScheduledStatus> {
    this.checkTime(scheduledAt, now);
    const host = new URL(this.deps.config.baseUrl).host;
    checkPostText(params.text, params.spoilerText, this.deps.config.maxPostLength, { host });
    if (params.inReplyToId !== null) await this.deps.posts.get(viewer, params.inReplyToId);
    const media = await this.ownMedia(viewer, params.mediaIds);
    const id = newId(now);
    await this.deps.database.transaction(async (tx) => {
      await this.checkQuota(tx, viewer.accountId, scheduledAt);
      await tx.db
        .insertInto('scheduled_statuses')
        .values({
          id,
          account_id: viewer.accountId,
          scheduled_at: scheduledAt,
          params: JSON.stringify(params),
          status_id: null,
          created_at: now,
        })
        .execute();
      await this.enqueue(tx, id, scheduledAt);
    });
    return { id, accountId: viewer.accountId, scheduledAt, params, media };
  }

  async list(viewer: PostViewer, page: PageRequest): Promise<ScheduledStatus[]> {
    let query = this.deps.database.db
      .selectFrom('scheduled_statuses')
      .selectAll()
      .where('account_id', '=', viewer.accountId)
      .where('status_id', 'is', null);
    if (page.maxId !== null) query = query.where('id', '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.where('id', '>', lower);
    const rows = finishPage(await query.orderBy('id', pageOrder(page)).limit(page.limit).execute(), page);
    return Promise.all(rows.map((row) => this.view(viewer, row)));
  }

  async get(viewer: PostViewer, id: number): Promise<ScheduledStatus> {
    return this.view(viewer, await this.row(viewer, id));
  }

  /** Moves a scheduled post to another time (at least five minutes ahead). */
  async reschedule(
    viewer: PostViewer,
    id: number,
    scheduledAt: number,
    now = Date.now(),
  ): Promise<ScheduledStatus> {
    this.checkTime(scheduledAt, now);
    await this.row(viewer, id);
    await this.deps.database.transaction(async (tx) => {
      await this.checkQuota(tx, viewer.accountId, scheduledAt, id);
      await tx.db
        .updateTable('scheduled_statuses')
        .set({ scheduled_at: scheduledAt })
        .where('id', '=', id)
        .execute();
      // The job for the old time finds the time changed and does nothing.
      await this.enqueue(tx, id, scheduledAt);
    });
    return this.get(viewer, id);
  }

  async cancel(viewer: PostViewer, id: number): Promise<void> {
    await this.row(viewer, id);
    await this.deps.database.db.deleteFrom('scheduled_statuses').where('id', '=', id).execute();
  }

  /** The job: publishes the scheduled post if it is still wanted at this time. */
  private async publish(job: PublishJob): Promise<void> {
    const row = await this.deps.database.db
      .selectFrom('scheduled_statuses')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirst();
    // Cancelled, already published, or moved to another time (that time's job will publish it).
    if (!row || row.status_id !== null || row.scheduled_at !== job.at) return;
    const user = await this.deps.accounts.userOf(row.account_id);
    if (!user) return;
    const author: PostViewer = { accountId: row.account_id, role: user.role };
    const params = JSON.parse(row.params) as ScheduledParams;
    // A retry after a crash between posting and the delete below gets the first post back, not a second.
    await this.deps.idempotency.once(row.account_id, 'scheduled_status', String(row.id), async () => {
      const status = await this.deps.posts.create(author, {
        text: params.text,
        spoilerText: params.spoilerText,
        sensitive: params.sensitive,
        language: params.language,
        visibility: params.visibility,
        inReplyToId: params.inReplyToId,
        mediaIds: params.mediaIds,
        // The author saw any warnings when they scheduled it; a block or a hold still applies.
        confirmWarnings: true,
      });
      return { statusCode: 200, body: { id: String(status.id) } };
    });
    await this.deps.database.db.deleteFrom('scheduled_statuses').where('id', '=', row.id).execute();
  }

  private async enqueue(tx: Database, id: number, at: number): Promise<void> {
    if (!this.queue) throw new Error('scheduled statuses have no job queue attached');
    const payload: PublishJob = { id, at };
    await this.queue.enqueue(tx, PUBLISH_JOB, payload, {
      runAt: at,
      maxAttempts: 5,
      dedupeKey: `${PUBLISH_JOB}:${id}:${at}`,
    });
  }

  private checkTime(scheduledAt: number, now: number): void {
    if (!Number.isFinite(scheduledAt) || scheduledAt < now + MIN_LEAD_MS) {
      throw new AppError('unprocessable', 'scheduled_at: must be at least 5 minutes in the future', {
        field: 'scheduled_at',
      });
    }
  }

  private async checkQuota(
    tx: Database,
    accountId: number,
    scheduledAt: number,
    except: number | null = null,
  ): Promise<void> {
    const day = 24 * 3600 * 1000;
    const dayStart = Math.floor(scheduledAt / day) * day;
    let query = tx.db
      .selectFrom('scheduled_statuses')
      .select(['scheduled_at'])
      .where('account_id', '=', accountId)
      .where('status_id', 'is', null);
    if (except !== null) query = query.where('id', '!=', except);
    const rows = await query.execute();
    if (rows.length >= MAX_SCHEDULED) {
      throw new AppError(
        'unprocessable',
        `scheduled_at: at most ${MAX_SCHEDULED} posts may wait to be published`,
        {
          field: 'scheduled_at',
        },
      );
    }
    const sameDay = rows.filter((r) => r.scheduled_at >= dayStart && r.scheduled_at < dayStart + day).length;
    if (sameDay >= MAX_SCHEDULED_PER_DAY) {
      throw new AppError(
        'unprocessable',
        `scheduled_at: at most ${MAX_SCHEDULED_PER_DAY} posts may be scheduled for one day`,
        {
          field: 'scheduled_at',
        },
      );
    }
  }

  private async ownMedia(viewer: PostViewer, ids: number[]): Promise<MediaAttachment[]> {
    if (ids.length > 4) {
      throw new AppError('unprocessable', 'media_ids: a post may have at most 4 attachments', {
        field: 'media_ids',
      });
    }
    const found: MediaAttachment[] = [];
    for (const id of ids) {
      try {
        found.push(await this.deps.media.get(viewer, id));
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        throw new AppError('unprocessable', `media_ids: ${id} is not a media attachment you can use`, {
          field: 'media_ids',
        });
      }
    }
    return found;
  }

  private async row(viewer: PostViewer, id: number) {
    const row = await this.deps.database.db
      .selectFrom('scheduled_statuses')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', viewer.accountId)
      .where('status_id', 'is', null)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Scheduled status');
    return row;
  }

  private async view(
    viewer: PostViewer,
    row: { id: number; account_id: number; scheduled_at: number; params: string },
  ): Promise<ScheduledStatus> {
    const params = JSON.parse(row.params) as ScheduledParams;
    const media: MediaAttachment[] = [];
    for (const id of params.mediaIds) {
      try {
        media.push(await this.deps.media.get(viewer, id));
      } catch (error) {
        // Deleted since: shown without it (publishing will refuse it).
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return { id: row.id, accountId: row.account_id, scheduledAt: row.scheduled_at, params, media };
  }
}
