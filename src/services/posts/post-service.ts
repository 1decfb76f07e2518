/**
 * Posts: writing, editing, deleting, and loading them for a viewer through the visibility rule.
 * Each write is one transaction: the post, its mentions and tags, the counters it moves, its
 * place in home feeds, the notifications it causes and its search entry commit together.
 */
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Status } from '../../db/schema.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { PageRequest } from '../../domain/pagination.js';
import { canView, defaultVisibility, type Visibility } from '../../domain/visibility.js';
import type { Accounts } from '../accounts/account-service.js';
import type { Follows } from '../follows/follow-service.js';
import type { Media } from '../media/media-service.js';
import type { Notifications } from '../notifications/notification-service.js';
import type { ScreeningService } from '../screening/screening-service.js';
import type { Search } from '../search/search-service.js';
import type { Tags } from '../tags/tag-service.js';
import type { Timelines } from '../timelines/timeline-service.js';
import { countRemovedPost } from './account-counters.js';
import { composeText } from './compose.js';
import { hydrateStatuses, type HydrateDeps } from './hydrate.js';
import type { HydratedStatus } from './hydrated-status.js';
import {
  countReleasedPost,
  countWithdrawnPost,
  heldPostIds,
  releaseHeldPost,
  replyNoticeDue,
  takeDownPost,
  type HeldPostDeps,
} from './held-posts.js';
import { recordDecision, recordScreening } from './moderation-records.js';
import { isModerator, type PostViewer } from './post-viewer.js';
import { admitPost } from './screening-gate.js';
import { adjustCounter } from './status-counters.js';
import { ancestorsOf, descendantsOf } from './thread.js';

export type { HydratedStatus } from './hydrated-status.js';

export interface NewPost {
  text: string;
  spoilerText?: string;
  sensitive?: boolean;
  language?: string | null;
  /** Null: the default (the parent's audience for a reply, else the organization). */
  visibility?: Visibility | null;
  inReplyToId?: number | null;
  /** The author saw screening's warnings and posts anyway. */
  confirmWarnings?: boolean;
  /** The author's unattached uploads to show, in order (at most four). */
  mediaIds?: number[];
}

export interface PostChange {
  text: string;
  spoilerText?: string;
  sensitive?: boolean;
  language?: string | null;
  confirmWarnings?: boolean;
  /** When given, the post shows exactly these attachments afterwards. */
  mediaIds?: number[];
}

export interface StatusVersion {
  text: string;
  spoilerText: string;
  contentHtml: string;
  sensitive: boolean;
  createdAt: number;
}

export interface PostsDeps {
  config: Pick<Config, 'baseUrl' | 'maxPostLength'>;
  database: Database;
  accounts: Accounts;
  follows: Follows;
  tags: Tags;
  timelines: Timelines;
  notifications: Notifications;
  search: Search;
  screening: ScreeningService;
  media?: Media;
}

/** Who decides on a held post, as recorded in the audit trail. */
export interface Moderator {
  userId: number;
  accountId: number;
}

/** Threads longer than this show only their nearest part around a post. */
const THREAD_LIMIT = 4096;

export class Posts {
  private readonly hydrateDeps: HydrateDeps;
  private readonly heldPostDeps: HeldPostDeps;

  constructor(private readonly deps: PostsDeps) {
    this.heldPostDeps = {
      follows: deps.follows,
      timelines: deps.timelines,
      notifications: deps.notifications,
    };
    this.hydrateDeps = {
      database: deps.database,
      accounts: deps.accounts,
      follows: deps.follows,
      tags: deps.tags,
      ...(deps.media ? { media: deps.media } : {}),
    };
  }

  /**
   * Loads posts by id for a viewer, in the order given, dropping any the viewer may not see
   * (or that no longer exist). Every read path goes through here.
   */
  async hydrate(viewer: PostViewer | null, ids: number[]): Promise<HydratedStatus[]> {
    return hydrateStatuses(this.hydrateDeps, viewer, ids);
  }

  /** Posts for a moderator acting on them, whatever their audience or moderation state, with their findings. */
  async hydrateForModeration(viewer: PostViewer, ids: number[]): Promise<HydratedStatus[]> {
    if (!isModerator(viewer)) return [];
    return hydrateStatuses(this.hydrateDeps, viewer, ids, { ignoreVisibility: true });
  }

  /** Held posts awaiting a moderator, oldest first. */
  async heldIds(page: PageRequest): Promise<number[]> {
    return heldPostIds(this.deps.database, page);
  }

  /**
   * Inside the moderator's transaction: makes a held post visible, lets it reach its audience and
   * records the decision. 404 for a missing post, 409 when it is not held.
   */
  async release(tx: Database, moderator: Moderator, id: number, reason: string): Promise<Status> {
    const row = await releaseHeldPost(tx, this.heldPostDeps, id);
    await recordDecision(tx, { statusId: id, moderator, decision: 'release', reason });
    return row;
  }

  /** Inside the moderator's transaction: takes a post down (it stays, seen only by its author) and records why. */
  async takeDown(tx: Database, moderator: Moderator, id: number, reason: string): Promise<Status> {
    const row = await takeDownPost(tx, this.heldPostDeps, id);
    await recordDecision(tx, { statusId: id, moderator, decision: 'remove', reason });
    return row;
  }

  /** One post the viewer may see; 404 otherwise (hidden and missing look the same). */
  async get(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const [status] = await this.hydrate(viewer, [id]);
    if (!status) throw new NotFoundError('Status');
    return status;
  }

  async create(viewer: PostViewer, input: NewPost): Promise<HydratedStatus> {
    const spoilerText = input.spoilerText ?? '';
    const composed = await composeText(this.deps.accounts, this.deps.config, input.text, spoilerText);
    let parent: HydratedStatus | null = null;
    if (input.inReplyToId != null) {
      const found = await this.get(viewer, input.inReplyToId);
      // Replying to a reshare answers the post it reshares.
      parent = found.reblog ?? found;
    }
    const visibility = defaultVisibility(input.visibility ?? null, parent?.visibility ?? null);
    // Screening decides before anything is written: a refusal leaves no trace.
    const screening = await this.deps.screening.screenPost({ text: input.text, spoilerText }, 'internal');
    const moderationState = admitPost(screening, input.confirmWarnings === true);
    const held = moderationState === 'held';
    const now = Date.now();
    const id = newId(now);
    const status = {
      id,
      account_id: viewer.accountId,
      text: input.text,
      content_html: composed.html,
      spoiler_text: spoilerText,
      visibility,
      in_reply_to_id: parent?.id ?? null,
      in_reply_to_account_id: parent?.account_id ?? null,
      reblog_of_id: null,
      thread_id: parent?.thread_id ?? id,
      language: input.language ?? null,
      sensitive: input.sensitive || spoilerText !== '' ? 1 : 0,
      created_at: now,
      edited_at: null,
      moderation_state: moderationState,
    };
    const replyNotified =
      !held && parent !== null && (await this.replyNotice(parent, status, composed.mentionedAccountIds));

    await this.deps.database.transaction(async (tx) => {
      if (parent !== null) {
        // The parent may have been deleted since it was read: the reply must not point at nothing.
        const stillThere = await tx.db
          .selectFrom('statuses')
          .select('id')
          .where('id', '=', parent.id)
          .executeTakeFirst();
        if (!stillThere) throw new NotFoundError('Status');
      }
      await tx.db.insertInto('statuses').values(status).execute();
      if (input.mediaIds && input.mediaIds.length > 0) {
        await this.attachMedia(tx, viewer.accountId, id, input.mediaIds);
      }
      if (composed.mentionedAccountIds.length > 0) {
        await tx.db
          .insertInto('mentions')
          .values(composed.mentionedAccountIds.map((accountId) => ({ status_id: id, account_id: accountId })))
          .execute();
      }
      const tagIds = await this.deps.tags.attach(tx, id, composed.hashtags, now);
      if (screening.action !== 'allow') await recordScreening(tx, id, screening, now);
      await this.deps.search.indexStatus(tx, { id, text: input.text, spoilerText });
      // A held post reaches nobody (no feeds, counters, notifications) until a moderator releases it.
      if (held) return;
      await countReleasedPost(tx, status, now);
      await this.deps.timelines.distribute(tx, {
        id,
        accountId: viewer.accountId,
        visibility,
        mentionedAccountIds: composed.mentionedAccountIds,
        tagIds,
        reblogOfAccountId: null,
      });
      for (const accountId of composed.mentionedAccountIds) {
        await this.deps.notifications.create(tx, {
          accountId,
          fromAccountId: viewer.accountId,
          type: 'mention',
          statusId: id,
        });
      }
      if (replyNotified && parent !== null) {
        await this.deps.notifications.create(tx, {
          accountId: parent.account_id,
          fromAccountId: viewer.accountId,
          type: 'reply',
          statusId: id,
        });
      }
    });
    return this.get(viewer, id);
  }

  /** Only the author edits; to anyone else the post does not exist for editing (404). */
  async edit(viewer: PostViewer, id: number, change: PostChange): Promise<HydratedStatus> {
    const current = await this.ownPost(viewer, id);
    if (current.moderation_state === 'removed') {
      throw new AppError('unprocessable', 'A post removed by a moderator cannot be edited', { field: 'id' });
    }
    const spoilerText = change.spoilerText ?? current.spoiler_text;
    const composed = await composeText(this.deps.accounts, this.deps.config, change.text, spoilerText);
    const screening = await this.deps.screening.screenPost({ text: change.text, spoilerText }, 'internal');
    const admitted = admitPost(screening, change.confirmWarnings === true);
    // A held post stays held until a moderator decides, whatever the new text: editing is no way out.
    const state = current.moderation_state === 'held' ? 'held' : admitted;
    const sensitive = (change.sensitive ?? current.sensitive === 1) || spoilerText !== '' ? 1 : 0;
    const now = Date.now();
    await this.deps.database.transaction(async (tx) => {
      const earlier = await tx.db
        .selectFrom('status_edits')
        .select('id')
        .where('status_id', '=', id)
        .limit(1)
        .executeTakeFirst();
      // Mastodon's history lists every version, the original included: record it on the first edit.
      if (!earlier) {
        await tx.db
          .insertInto('status_edits')
          .values({
            id: newId(current.created_at),
            status_id: id,
            text: current.text,
            spoiler_text: current.spoiler_text,
            content_html: current.content_html,
            sensitive: current.sensitive,
            created_at: current.created_at,
          })
          .execute();
      }
      await tx.db
        .insertInto('status_edits')
        .values({
          id: newId(now),
          status_id: id,
          text: change.text,
          spoiler_text: spoilerText,
          content_html: composed.html,
          sensitive,
          created_at: now,
        })
        .execute();
      await tx.db
        .updateTable('statuses')
        .set({
          text: change.text,
          content_html: composed.html,
          spoiler_text: spoilerText,
          sensitive,
          language: change.language === undefined ? current.language : change.language,
          edited_at: now,
          moderation_state: state,
        })
        .where('id', '=', id)
        .execute();
      await tx.db.deleteFrom('mentions').where('status_id', '=', id).execute();
      if (composed.mentionedAccountIds.length > 0) {
        await tx.db
          .insertInto('mentions')
          .values(composed.mentionedAccountIds.map((accountId) => ({ status_id: id, account_id: accountId })))
          .execute();
      }
      await this.deps.tags.replace(tx, id, composed.hashtags, now);
      if (change.mediaIds !== undefined) await this.attachMedia(tx, viewer.accountId, id, change.mediaIds);
      await this.deps.search.indexStatus(tx, { id, text: change.text, spoilerText });
      // The moderator deciding on a held post sees the latest screening.
      if (screening.action !== 'allow' || state === 'held') await recordScreening(tx, id, screening, now);
      if (state === 'held') {
        if (current.moderation_state === 'visible') {
          // Held again: open streams drop it, counters stop counting it until it is released.
          await this.deps.timelines.withdraw(tx, { id, accountId: current.account_id });
          await countWithdrawnPost(tx, current);
        }
        return;
      }
      await this.deps.timelines.announceEdit(tx, { id, accountId: current.account_id });
      // As Mastodon does: those who reshared a post are told it changed under their name.
      const resharers = await tx.db
        .selectFrom('statuses')
        .select('account_id')
        .where('reblog_of_id', '=', id)
        .execute();
      for (const { account_id } of resharers) {
        await this.deps.notifications.create(tx, {
          accountId: account_id,
          fromAccountId: current.account_id,
          type: 'update',
          statusId: id,
        });
      }
    });
    return this.get(viewer, id);
  }

  /**
   * Deletes a post (the author, or a moderator or admin) and returns it as it was, source text
   * included, for "delete and redraft". Reshares of it go with it.
   */
  async remove(viewer: PostViewer, id: number): Promise<HydratedStatus> {
    const row = await this.deps.database.db
      .selectFrom('statuses')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || (row.account_id !== viewer.accountId && !isModerator(viewer)))
      throw new NotFoundError('Status');
    const [visible] = await this.hydrate(viewer, [id]);
    const [snapshot] = visible
      ? [visible]
      : await hydrateStatuses(this.hydrateDeps, viewer, [id], { ignoreVisibility: true });
    if (!snapshot) throw new NotFoundError('Status');
    await this.deps.database.transaction(async (tx) => {
      const reshares = await tx.db
        .selectFrom('statuses')
        .select(['id', 'account_id'])
        .where('reblog_of_id', '=', id)
        .execute();
      for (const reshare of reshares) {
        await this.deps.timelines.withdraw(tx, { id: reshare.id, accountId: reshare.account_id });
        await countRemovedPost(tx, reshare.account_id);
      }
      await this.deps.timelines.withdraw(tx, { id, accountId: row.account_id });
      if (row.reblog_of_id === null) await this.deps.search.removeStatus(tx, id);
      const deleted = await tx.db
        .deleteFrom('statuses')
        .where('id', 'in', [id, ...reshares.map((r) => r.id)])
        .executeTakeFirst();
      // Someone else deleted it first: nothing to count down.
      if (Number(deleted.numDeletedRows) === 0) throw new NotFoundError('Status');
      // Held and removed posts were taken off the counters already (or never on them).
      if (row.moderation_state === 'visible') await countWithdrawnPost(tx, row);
      if (row.reblog_of_id !== null) {
        await adjustCounter(tx, row.reblog_of_id, 'reblogs_count', -1);
        const original = await tx.db
          .selectFrom('statuses')
          .select('account_id')
          .where('id', '=', row.reblog_of_id)
          .executeTakeFirst();
        if (original) {
          await this.deps.notifications.retract(tx, {
            accountId: original.account_id,
            fromAccountId: row.account_id,
            type: 'reblog',
            statusId: row.reblog_of_id,
          });
        }
      }
    });
    return snapshot;
  }

  /** The posts above and below one in its thread, each filtered for the viewer. */
  async context(
    viewer: PostViewer,
    id: number,
  ): Promise<{ ancestors: HydratedStatus[]; descendants: HydratedStatus[] }> {
    const status = await this.get(viewer, id);
    const original = status.reblog ?? status;
    const nodes = await this.deps.database.db
      .selectFrom('statuses')
      .select(['id', 'in_reply_to_id'])
      .where('thread_id', '=', original.thread_id)
      .where('reblog_of_id', 'is', null)
      .orderBy('id')
      .limit(THREAD_LIMIT)
      .execute();
    const [ancestors, descendants] = await Promise.all([
      this.hydrate(viewer, ancestorsOf(nodes, original.id)),
      this.hydrate(viewer, descendantsOf(nodes, original.id)),
    ]);
    return { ancestors, descendants };
  }

  /** What the author wrote, for editing. Visible posts only. */
  async source(viewer: PostViewer, id: number): Promise<{ id: number; text: string; spoilerText: string }> {
    const status = await this.get(viewer, id);
    return { id: status.id, text: status.text, spoilerText: status.spoiler_text };
  }

  /** Every version of a post, oldest first (just the current one when never edited). */
  async history(
    viewer: PostViewer,
    id: number,
  ): Promise<{ status: HydratedStatus; versions: StatusVersion[] }> {
    const status = await this.get(viewer, id);
    const rows = await this.deps.database.db
      .selectFrom('status_edits')
      .select(['text', 'spoiler_text', 'content_html', 'sensitive', 'created_at'])
      .where('status_id', '=', id)
      .orderBy('id')
      .execute();
    const versions = rows.length > 0 ? rows : [status];
    return {
      status,
      versions: versions.map((v) => ({
        text: v.text,
        spoilerText: v.spoiler_text,
        contentHtml: v.content_html,
        sensitive: v.sensitive === 1,
        createdAt: v.created_at,
      })),
    };
  }

  private async attachMedia(
    tx: Database,
    accountId: number,
    statusId: number,
    mediaIds: number[],
  ): Promise<void> {
    if (!this.deps.media) {
      throw new AppError('unprocessable', 'media_ids: media attachments are not supported', {
        field: 'media_ids',
      });
    }
    await this.deps.media.attachToStatus(tx, accountId, statusId, mediaIds);
  }

  /** The viewer's own post, for changing it; anything else is 404. */
  private async ownPost(viewer: PostViewer, id: number): Promise<Status> {
    const row = await this.deps.database.db
      .selectFrom('statuses')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.account_id !== viewer.accountId) throw new NotFoundError('Status');
    if (row.reblog_of_id !== null)
      throw new AppError('unprocessable', 'A reshare cannot be edited', { field: 'id' });
    return row;
  }

  /**
   * The replied-to author hears of a reply once: as a mention when mentioned (that notification
   * is sent anyway), otherwise as a `reply` — and only if they may see the reply.
   */
  private async replyNotice(
    parent: HydratedStatus,
    reply: { account_id: number; visibility: Visibility },
    mentioned: number[],
  ): Promise<boolean> {
    return replyNoticeDue(this.deps.follows, parent.account_id, reply, mentioned);
  }
}
