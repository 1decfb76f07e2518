/**
 * Timelines: home feeds materialised by fan-out on write (with fan-in at read time for accounts
 * with very large audiences), and the organization, hashtag and profile timelines. Every list
 * filters by visibility in SQL and pages by ID cursors, so pages are full and never skip or repeat.
 */
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Schema, Visibility } from '../../db/schema.js';
import type { EventBus, RoostEvent, Topic } from '../../events/bus.js';
import { NotFoundError } from '../../domain/errors.js';
import { finishPage, pageOrder, type PageRequest } from '../../domain/pagination.js';
import { normaliseTagName } from '../../domain/text/hashtags.js';
import type { Viewer } from '../auth/viewer.js';
import { DEFAULT_FEED_SETTINGS, type FeedSettings } from './feed-settings.js';
import { withinPage } from './page-sql.js';
import { splitAudience, type AudienceSplit, type AudienceViewer } from './stream-audience.js';
import { unmutedFor, visibleTo } from './visible-sql.js';

export interface DistributedPost {
  id: number;
  accountId: number;
  visibility: Visibility;
  mentionedAccountIds: number[];
  tagIds: number[];
  /** For a reshare: the original's author, who should not see their own post twice. */
  reblogOfAccountId: number | null;
}

export interface AccountTimelineOptions {
  excludeReplies: boolean;
  excludeReblogs: boolean;
  onlyMedia: boolean;
  pinned: boolean;
  tagged: string | null;
}

export interface TagTimelineOptions {
  /** Posts with the main tag or any of these. */
  any: string[];
  /** Posts that also carry every one of these. */
  all: string[];
  /** Posts carrying none of these. */
  none: string[];
}

export class Timelines {
  /** Mutable so tests and operators can lower the fan-in threshold and feed cap. */
  readonly settings: FeedSettings;

  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    settings: Partial<FeedSettings> = {},
  ) {
    this.settings = { ...DEFAULT_FEED_SETTINGS, ...settings };
  }

  /** Inside the post's transaction: puts the post in the home feed of everyone who should see it there. */
  async distribute(tx: Database, post: DistributedPost): Promise<void> {
    tx.assertTransaction();
    const db = tx.db;
    const statusId = sql<number>`cast(${post.id} as bigint)`;
    const excluded = post.reblogOfAccountId;
    const isOwnReshare = excluded !== null && excluded === post.accountId;

    const direct = new Set<number>(post.mentionedAccountIds);
    if (!isOwnReshare) direct.add(post.accountId);
    if (excluded !== null) direct.delete(excluded);
    if (direct.size > 0) {
      await db
        .insertInto('home_feed')
        .values([...direct].map((accountId) => ({ account_id: accountId, status_id: post.id })))
        .onConflict((oc) => oc.columns(['account_id', 'status_id']).doNothing())
        .execute();
    }

    const fanIn = post.visibility !== 'mentioned' && (await this.isFanIn(tx, post.accountId));
    if (post.visibility !== 'mentioned' && !fanIn) {
      await db
        .insertInto('home_feed')
        .columns(['account_id', 'status_id'])
        .expression(
          db
            .selectFrom('follows')
            .select(['follows.account_id', statusId.as('status_id')])
            .where('follows.target_account_id', '=', post.accountId)
            .$if(excluded !== null, (q) => q.where('follows.account_id', '!=', excluded!)),
        )
        .onConflict((oc) => oc.columns(['account_id', 'status_id']).doNothing())
        .execute();
    }

    if (post.visibility === 'organization' && post.tagIds.length > 0) {
      await db
        .insertInto('home_feed')
        .columns(['account_id', 'status_id'])
        .expression(
          db
            .selectFrom('tag_follows')
            .select(['tag_follows.account_id', statusId.as('status_id')])
            .distinct()
            .where('tag_follows.tag_id', 'in', post.tagIds)
            .$if(excluded !== null, (q) => q.where('tag_follows.account_id', '!=', excluded!)),
        )
        .onConflict((oc) => oc.columns(['account_id', 'status_id']).doNothing())
        .execute();
    }

    const recipients = (
      await db.selectFrom('home_feed').select('account_id').where('status_id', '=', post.id).execute()
    ).map((r) => r.account_id);
    const topics: Topic[] = recipients.map((id) => `home:${id}` as const);
    if (fanIn) topics.push(`account:${post.accountId}`);
    if (post.visibility === 'organization' && post.reblogOfAccountId === null) {
      topics.push('organization');
      for (const name of await this.tagNames(tx, post.tagIds)) topics.push(`hashtag:${name}`);
    }
    this.publishOnCommit(tx, topics, {
      type: 'status.created',
      statusId: post.id,
      accountId: post.accountId,
    });

    // Each receiving feed is trimmed about once per `trimEvery` posts it receives, a bounded few per post.
    const toTrim = recipients
      .filter(() => Math.random() * this.settings.trimEvery < 1)
      .slice(0, this.settings.maxTrimsPerPost);
    if (toTrim.length > 0) await this.trimFeeds(tx, toTrim);
  }

  /** Inside the deleting transaction, before the post's row goes: tells open streams it is gone. */
  async withdraw(tx: Database, post: { id: number; accountId: number }): Promise<void> {
    const topics = await this.audienceTopics(tx, post);
    this.publishOnCommit(tx, topics, {
      type: 'status.deleted',
      statusId: post.id,
      accountId: post.accountId,
    });
  }

  /** Inside the editing transaction: tells open streams that show the post to refresh it. */
  async announceEdit(tx: Database, post: { id: number; accountId: number }): Promise<void> {
    const topics = await this.audienceTopics(tx, post);
    const row = await tx.db
      .selectFrom('statuses')
      .select('edited_at')
      .where('id', '=', post.id)
      .executeTakeFirst();
    const editedAt = row?.edited_at ?? Date.now();
    this.publishOnCommit(tx, topics, {
      type: 'status.updated',
      statusId: post.id,
      accountId: post.accountId,
      editedAt,
    });
  }

  /**
   * After a follow: copies the followed person's recent posts the follower may see into the
   * follower's feed, so home shows them at once (not needed for fan-in accounts, merged at read).
   */
  async mergeAuthor(tx: Database, followerId: number, authorId: number): Promise<void> {
    tx.assertTransaction();
    const db = tx.db;
    await db
      .insertInto('home_feed')
      .columns(['account_id', 'status_id'])
      .expression(
        db
          .selectFrom(
            db
              .selectFrom('statuses')
              .select('statuses.id')
              .where('statuses.account_id', '=', authorId)
              .where('statuses.visibility', 'in', ['organization', 'followers'])
              .orderBy('statuses.id', 'desc')
              .limit(40)
              .as('recent'),
          )
          .select([sql<number>`cast(${followerId} as bigint)`.as('account_id'), 'recent.id as status_id'])
          .where(sql<SqlBool>`1 = 1`),
      )
      .onConflict((oc) => oc.columns(['account_id', 'status_id']).doNothing())
      .execute();
  }

  /** After an unfollow: takes the person's posts out of the former follower's feed (mentions stay). */
  async unmergeAuthor(tx: Database, followerId: number, authorId: number): Promise<void> {
    tx.assertTransaction();
    await tx.db
      .deleteFrom('home_feed')
      .where('home_feed.account_id', '=', followerId)
      .where('home_feed.status_id', 'in', (eb) =>
        eb
          .selectFrom('statuses')
          .select('statuses.id')
          .where('statuses.account_id', '=', authorId)
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('mentions')
                  .select('mentions.status_id')
                  .whereRef('mentions.status_id', '=', 'statuses.id')
                  .where('mentions.account_id', '=', followerId),
              ),
            ),
          ),
      )
      .execute();
  }

  /** Keeps only the newest `feedCap` rows of each feed; pages within the cap are unaffected. */
  async trimFeeds(tx: Database, accountIds: number[]): Promise<void> {
    for (const accountId of accountIds) {
      const cutoff = await tx.db
        .selectFrom('home_feed')
        .select('status_id')
        .where('account_id', '=', accountId)
        .orderBy('status_id', 'desc')
        .limit(1)
        .offset(this.settings.feedCap)
        .executeTakeFirst();
      if (cutoff) {
        await tx.db
          .deleteFrom('home_feed')
          .where('account_id', '=', accountId)
          .where('status_id', '<=', cutoff.status_id)
          .execute();
      }
    }
  }

  /** The viewer's home: their materialised feed merged with the posts of fan-in accounts they follow. */
  /** `excludeAuthors`: people whose posts live only in the viewer's exclusive lists. */
  async home(viewer: Viewer, page: PageRequest, excludeAuthors: number[] = []): Promise<number[]> {
    const db = this.database.db;
    const v = viewer.accountId;
    const order = pageOrder(page);
    const notExcluded = (column: 'statuses.account_id') => (eb: ExpressionBuilder<Schema, 'statuses'>) =>
      excludeAuthors.length === 0 ? eb.lit(true) : eb(column, 'not in', excludeAuthors);
    const feed = db
      .selectFrom('home_feed')
      .innerJoin('statuses', 'statuses.id', 'home_feed.status_id')
      .select('home_feed.status_id as id')
      .where('home_feed.account_id', '=', v)
      .where(withinPage('home_feed.status_id', page))
      .where(visibleTo(v, 'statuses'))
      .where(unmutedFor(v, 'statuses'))
      .where(notExcluded('statuses.account_id'))
      .orderBy('home_feed.status_id', order)
      .limit(page.limit);
    const merged = db
      .selectFrom('statuses')
      .innerJoin('fan_in_accounts', 'fan_in_accounts.account_id', 'statuses.account_id')
      .innerJoin('follows', (j) =>
        j.onRef('follows.target_account_id', '=', 'statuses.account_id').on('follows.account_id', '=', v),
      )
      .select('statuses.id as id')
      .where('statuses.visibility', 'in', ['organization', 'followers'])
      .where(withinPage('statuses.id', page))
      .where(visibleTo(v, 'statuses'))
      .where(unmutedFor(v, 'statuses'))
      .where(notExcluded('statuses.account_id'))
      .where((eb) =>
        eb.or([
          eb('statuses.reblog_of_id', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('statuses as original')
                .select('original.id')
                .whereRef('original.id', '=', 'statuses.reblog_of_id')
                .where('original.account_id', '=', v),
            ),
          ),
        ]),
      )
      .orderBy('statuses.id', order)
      .limit(page.limit);
    const rows = await db
      .selectFrom(
        db
          .selectFrom(feed.as('f'))
          .select('f.id')
          .union(db.selectFrom(merged.as('m')).select('m.id'))
          .as('home'),
      )
      .select('home.id')
      .orderBy('home.id', order)
      .limit(page.limit)
      .execute();
    return finishPage(
      rows.map((r) => r.id),
      page,
    );
  }

  /**
   * The organization's timeline: organization-visible posts, newest first. Like Mastodon's public
   * timeline it leaves out reshares and replies to other people (a person's own threads stay).
   */
  async organization(viewer: Viewer, page: PageRequest): Promise<number[]> {
    const rows = await this.database.db
      .selectFrom('statuses')
      .select('statuses.id')
      .where('statuses.visibility', '=', 'organization')
      .where('statuses.reblog_of_id', 'is', null)
      .where((eb) =>
        eb.or([
          eb('statuses.in_reply_to_account_id', 'is', null),
          eb('statuses.in_reply_to_account_id', '=', eb.ref('statuses.account_id')),
        ]),
      )
      .where(withinPage('statuses.id', page))
      .where(visibleTo(viewer.accountId, 'statuses'))
      .where(unmutedFor(viewer.accountId, 'statuses'))
      .orderBy('statuses.id', pageOrder(page))
      .limit(page.limit)
      .execute();
    return finishPage(
      rows.map((r) => r.id),
      page,
    );
  }

  /** Organization-visible posts carrying a hashtag (or any of `any`, with all of `all`, none of `none`). */
  async tag(viewer: Viewer, name: string, options: TagTimelineOptions, page: PageRequest): Promise<number[]> {
    const wanted = normaliseTags([name, ...options.any]);
    const required = normaliseTags(options.all);
    const refused = normaliseTags(options.none);
    if (wanted.length === 0) return [];
    const carries = (eb: ExpressionBuilder<Schema, 'statuses'>, names: string[]) =>
      eb
        .selectFrom('status_tags')
        .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
        .select('status_tags.status_id')
        .whereRef('status_tags.status_id', '=', 'statuses.id')
        .where('tags.name', 'in', names);
    let query = this.database.db
      .selectFrom('statuses')
      .select('statuses.id')
      .where('statuses.visibility', '=', 'organization')
      .where('statuses.reblog_of_id', 'is', null)
      .where((eb) => eb.exists(carries(eb, wanted)));
    for (const tag of required) query = query.where((eb) => eb.exists(carries(eb, [tag])));
    if (refused.length > 0) query = query.where((eb) => eb.not(eb.exists(carries(eb, refused))));
    const rows = await query
      .where(withinPage('statuses.id', page))
      .where(visibleTo(viewer.accountId, 'statuses'))
      .where(unmutedFor(viewer.accountId, 'statuses'))
      .orderBy('statuses.id', pageOrder(page))
      .limit(page.limit)
      .execute();
    return finishPage(
      rows.map((r) => r.id),
      page,
    );
  }

  /** One person's posts that the viewer may see; 404 when the account does not exist. */
  async account(
    viewer: Viewer,
    accountId: number,
    options: AccountTimelineOptions,
    page: PageRequest,
  ): Promise<number[]> {
    const exists = await this.database.db
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', accountId)
      .where('suspended_at', 'is', null)
      .executeTakeFirst();
    if (!exists) throw new NotFoundError('Account');
    // Roost has no pinned posts: that filter matches nothing.
    if (options.pinned) return [];
    let query = this.database.db
      .selectFrom('statuses')
      .select('statuses.id')
      .where('statuses.account_id', '=', accountId);
    if (options.onlyMedia) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('media_attachments')
            .select('media_attachments.id')
            .whereRef('media_attachments.status_id', '=', 'statuses.id'),
        ),
      );
    }
    if (options.excludeReplies) {
      query = query.where((eb) =>
        eb.or([
          eb('statuses.in_reply_to_id', 'is', null),
          eb('statuses.in_reply_to_account_id', '=', eb.ref('statuses.account_id')),
        ]),
      );
    }
    if (options.excludeReblogs) query = query.where('statuses.reblog_of_id', 'is', null);
    if (options.tagged !== null) {
      const tagged = normaliseTagName(options.tagged.replace(/^#/, '')) ?? '';
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('status_tags')
            .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
            .select('status_tags.status_id')
            .whereRef('status_tags.status_id', '=', 'statuses.id')
            .where('tags.name', '=', tagged),
        ),
      );
    }
    const rows = await query
      .where(withinPage('statuses.id', page))
      .where(visibleTo(viewer.accountId, 'statuses'))
      .orderBy('statuses.id', pageOrder(page))
      .limit(page.limit)
      .execute();
    return finishPage(
      rows.map((r) => r.id),
      page,
    );
  }

  /** For streams: which viewers may be shown a post, grouped by how they see it (see stream-audience.ts). */
  async streamAudience(statusId: number, viewers: AudienceViewer[], options: { mutes: boolean }): Promise<AudienceSplit | null> {
    return splitAudience(this.database, statusId, viewers, options);
  }

  /** The fan-in accounts the viewer follows: their streams listen to these accounts' topics. */
  async followedFanInAccounts(accountId: number): Promise<number[]> {
    const rows = await this.database.db
      .selectFrom('fan_in_accounts')
      .innerJoin('follows', 'follows.target_account_id', 'fan_in_accounts.account_id')
      .select('fan_in_accounts.account_id')
      .where('follows.account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.account_id);
  }

  private async isFanIn(tx: Database, accountId: number): Promise<boolean> {
    const marked = await tx.db
      .selectFrom('fan_in_accounts')
      .select('account_id')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (marked) return true;
    // Counting stops at the threshold: whether there is a follower beyond it is all that matters.
    const beyond = await tx.db
      .selectFrom('follows')
      .select('account_id')
      .where('target_account_id', '=', accountId)
      .orderBy('account_id')
      .limit(1)
      .offset(this.settings.fanInThreshold)
      .executeTakeFirst();
    if (!beyond) return false;
    await tx.db
      .insertInto('fan_in_accounts')
      .values({ account_id: accountId, created_at: Date.now() })
      .onConflict((oc) => oc.column('account_id').doNothing())
      .execute();
    return true;
  }

  private async tagNames(tx: Database, tagIds: number[]): Promise<string[]> {
    if (tagIds.length === 0) return [];
    const rows = await tx.db.selectFrom('tags').select('name').where('id', 'in', tagIds).execute();
    return rows.map((r) => r.name);
  }

  /** Everyone who may be showing a post: its feeds, the organization and hashtag streams, a fan-in account's followers. */
  private async audienceTopics(tx: Database, post: { id: number; accountId: number }): Promise<Topic[]> {
    tx.assertTransaction();
    const recipients = await tx.db
      .selectFrom('home_feed')
      .select('account_id')
      .where('status_id', '=', post.id)
      .execute();
    const topics: Topic[] = recipients.map((r) => `home:${r.account_id}` as const);
    const status = await tx.db
      .selectFrom('statuses')
      .select('visibility')
      .where('id', '=', post.id)
      .executeTakeFirst();
    // Even a bare id tells when something was posted: only the audiences that could see the post hear of it.
    if (status?.visibility === 'mentioned') return topics;
    topics.push(`account:${post.accountId}`);
    if (status?.visibility !== 'organization') return topics;
    topics.push('organization');
    const tags = await tx.db
      .selectFrom('status_tags')
      .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
      .select('tags.name')
      .where('status_tags.status_id', '=', post.id)
      .execute();
    for (const tag of tags) topics.push(`hashtag:${tag.name}`);
    return topics;
  }

  private publishOnCommit(tx: Database, topics: Topic[], event: RoostEvent): void {
    tx.onCommit(() => {
      for (const topic of topics) this.events.publish(topic, event);
    });
  }
}

function normaliseTags(names: string[]): string[] {
  return [
    ...new Set(
      names.map((n) => normaliseTagName(n.replace(/^#/, ''))).filter((n): n is string => n !== null),
    ),
  ];
}
