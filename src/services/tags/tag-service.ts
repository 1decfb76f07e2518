/**
 * Hashtags: the tags table, which posts carry which tag, who follows which tag, and each tag's
 * recent use. Posts call `attach`/`replace` inside their own transaction.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { finishPage, lowerBound, pageOrder, type PageRequest } from '../../domain/pagination.js';
import { normaliseTagName } from '../../domain/text/hashtags.js';
import { DAY_MS, HISTORY_DAYS, historyDays, type TagDay } from './tag-history.js';

export interface TagView {
  id: number;
  /** Normalised (lowercase) name: the tag's identity and URL. */
  name: string;
  /** As first written. */
  displayName: string;
  history: TagDay[];
  following: boolean;
}

export interface StatusTag {
  name: string;
  display_name: string;
}

export class Tags {
  constructor(private readonly database: Database) {}

  /** Inside the post's transaction: records that the post carries these tags (creating new ones). Returns their ids. */
  async attach(
    tx: Database,
    statusId: number,
    hashtags: { name: string; display: string }[],
    now = Date.now(),
  ): Promise<number[]> {
    tx.assertTransaction();
    if (hashtags.length === 0) return [];
    const ids = await this.upsert(tx, hashtags, now);
    await tx.db
      .insertInto('status_tags')
      .values(ids.map((tagId) => ({ status_id: statusId, tag_id: tagId })))
      .onConflict((oc) => oc.columns(['tag_id', 'status_id']).doNothing())
      .execute();
    return ids;
  }

  /** Inside an edit's transaction: the post now carries exactly these tags. */
  async replace(
    tx: Database,
    statusId: number,
    hashtags: { name: string; display: string }[],
    now = Date.now(),
  ): Promise<number[]> {
    tx.assertTransaction();
    await tx.db.deleteFrom('status_tags').where('status_id', '=', statusId).execute();
    return this.attach(tx, statusId, hashtags, now);
  }

  /** Tags of each post, in one query. */
  async forStatuses(statusIds: number[]): Promise<Map<number, StatusTag[]>> {
    const result = new Map<number, StatusTag[]>();
    if (statusIds.length === 0) return result;
    const rows = await this.database.db
      .selectFrom('status_tags')
      .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
      .select(['status_tags.status_id', 'tags.name', 'tags.display_name'])
      .where('status_tags.status_id', 'in', statusIds)
      .orderBy('tags.name')
      .execute();
    for (const row of rows) {
      const list = result.get(row.status_id) ?? [];
      list.push({ name: row.name, display_name: row.display_name });
      result.set(row.status_id, list);
    }
    return result;
  }

  /** One tag as the viewer sees it; 404 when nobody has used or followed it. */
  async get(viewerAccountId: number, rawName: string, now = Date.now()): Promise<TagView> {
    const tag = await this.find(rawName);
    if (!tag) throw new NotFoundError('Tag');
    return (await this.views(viewerAccountId, [tag], now))[0]!;
  }

  /** Following a tag that nobody has used yet creates it, as Mastodon does. */
  async follow(viewerAccountId: number, rawName: string, now = Date.now()): Promise<TagView> {
    const name = normaliseTagName(rawName.replace(/^#/, ''));
    if (name === null) throw new NotFoundError('Tag');
    const tag = await this.database.transaction(async (tx) => {
      const [tagId] = await this.upsert(tx, [{ name, display: rawName.replace(/^#/, '') }], now, false);
      await tx.db
        .insertInto('tag_follows')
        .values({ id: newId(now), account_id: viewerAccountId, tag_id: tagId!, created_at: now })
        .onConflict((oc) => oc.columns(['account_id', 'tag_id']).doNothing())
        .execute();
      return tx.db
        .selectFrom('tags')
        .select(['id', 'name', 'display_name'])
        .where('id', '=', tagId!)
        .executeTakeFirstOrThrow();
    });
    return (await this.views(viewerAccountId, [tag], now))[0]!;
  }

  async unfollow(viewerAccountId: number, rawName: string, now = Date.now()): Promise<TagView> {
    const tag = await this.find(rawName);
    if (!tag) throw new NotFoundError('Tag');
    await this.database.db
      .deleteFrom('tag_follows')
      .where('account_id', '=', viewerAccountId)
      .where('tag_id', '=', tag.id)
      .execute();
    return (await this.views(viewerAccountId, [tag], now))[0]!;
  }

  /** The tags the viewer follows, newest follow first, paged by the follow's id. */
  async followed(
    viewerAccountId: number,
    page: PageRequest,
    now = Date.now(),
  ): Promise<{ tags: TagView[]; cursors: number[] }> {
    let query = this.database.db
      .selectFrom('tag_follows')
      .innerJoin('tags', 'tags.id', 'tag_follows.tag_id')
      .select(['tag_follows.id as cursor', 'tags.id', 'tags.name', 'tags.display_name'])
      .where('tag_follows.account_id', '=', viewerAccountId);
    if (page.maxId !== null) query = query.where('tag_follows.id', '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.where('tag_follows.id', '>', lower);
    const rows = finishPage(
      await query.orderBy('tag_follows.id', pageOrder(page)).limit(page.limit).execute(),
      page,
    );
    return { tags: await this.views(viewerAccountId, rows, now), cursors: rows.map((r) => r.cursor) };
  }

  /** Ids of existing tags by name (for features that filter by tag). */
  async idsByName(rawNames: string[]): Promise<Map<string, number>> {
    const names = [
      ...new Set(
        rawNames.map((n) => normaliseTagName(n.replace(/^#/, ''))).filter((n): n is string => n !== null),
      ),
    ];
    if (names.length === 0) return new Map();
    const rows = await this.database.db
      .selectFrom('tags')
      .select(['id', 'name'])
      .where('name', 'in', names)
      .execute();
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  private async find(rawName: string): Promise<{ id: number; name: string; display_name: string } | null> {
    const name = normaliseTagName(rawName.replace(/^#/, ''));
    if (name === null) return null;
    const row = await this.database.db
      .selectFrom('tags')
      .select(['id', 'name', 'display_name'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Creates missing tags; bumps last use unless only followed. Returns ids in the order given. */
  private async upsert(
    tx: Database,
    hashtags: { name: string; display: string }[],
    now: number,
    used = true,
  ): Promise<number[]> {
    await tx.db
      .insertInto('tags')
      .values(
        hashtags.map((t) => ({
          id: newId(now),
          name: t.name,
          display_name: t.display,
          created_at: now,
          last_used_at: used ? now : 0,
        })),
      )
      .onConflict((oc) =>
        used ? oc.column('name').doUpdateSet({ last_used_at: now }) : oc.column('name').doNothing(),
      )
      .execute();
    const rows = await tx.db
      .selectFrom('tags')
      .select(['id', 'name'])
      .where(
        'name',
        'in',
        hashtags.map((t) => t.name),
      )
      .execute();
    const byName = new Map(rows.map((r) => [r.name, r.id]));
    return hashtags.map((t) => byName.get(t.name)!);
  }

  private async views(
    viewerAccountId: number,
    tags: { id: number; name: string; display_name: string }[],
    now: number,
  ): Promise<TagView[]> {
    if (tags.length === 0) return [];
    const ids = tags.map((t) => t.id);
    const [history, follows] = await Promise.all([
      this.history(ids, now),
      this.database.db
        .selectFrom('tag_follows')
        .select('tag_id')
        .where('account_id', '=', viewerAccountId)
        .where('tag_id', 'in', ids)
        .execute(),
    ]);
    const followed = new Set(follows.map((f) => f.tag_id));
    return tags.map((t) => ({
      id: t.id,
      name: t.name,
      displayName: t.display_name,
      history: historyDays(history.get(t.id) ?? new Map(), now),
      following: followed.has(t.id),
    }));
  }

  /**
   * Uses per day over the last week: organization-visible original posts only, so the counts
   * reveal nothing about posts with a narrower audience.
   */
  private async history(
    tagIds: number[],
    now: number,
  ): Promise<Map<number, Map<number, { uses: number; accounts: number }>>> {
    const since = (Math.floor(now / DAY_MS) - (HISTORY_DAYS - 1)) * DAY_MS;
    // Integer division on integer columns truncates on both SQLite and PostgreSQL.
    const day = sql<number>`statuses.created_at / ${sql.lit(DAY_MS)}`;
    const rows = await this.database.db
      .selectFrom('status_tags')
      .innerJoin('statuses', 'statuses.id', 'status_tags.status_id')
      .select((eb) => [
        'status_tags.tag_id',
        day.as('day'),
        eb.fn.countAll<number>().as('uses'),
        eb.fn.count<number>('statuses.account_id').distinct().as('accounts'),
      ])
      .where('status_tags.tag_id', 'in', tagIds)
      .where('statuses.created_at', '>=', since)
      .where('statuses.visibility', '=', 'organization')
      .where('statuses.reblog_of_id', 'is', null)
      // Posts held by screening are not counted until a moderator releases them.
      .where('statuses.moderation_state', '=', 'visible')
      .groupBy(['status_tags.tag_id', day])
      .execute();
    const result = new Map<number, Map<number, { uses: number; accounts: number }>>();
    for (const row of rows) {
      const days = result.get(row.tag_id) ?? new Map<number, { uses: number; accounts: number }>();
      days.set(Number(row.day), { uses: Number(row.uses), accounts: Number(row.accounts) });
      result.set(row.tag_id, days);
    }
    return result;
  }
}
