/**
 * Filters (Mastodon v2): a person's named groups of keywords and posts to warn about or hide, each
 * for some contexts and maybe until some time. Only the owner sees a filter (404 for anyone else).
 * Every change tells the person's open streams (`filters.changed` on `user:<accountId>`), so clients
 * reload their filters as Mastodon's `filters_changed` event asks them to.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { FilterAction, FilterKeywordTable, FilterStatusTable, FilterTable } from '../../db/schema.js';
import type { EventBus } from '../../events/bus.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Posts } from '../posts/post-service.js';
import type { PostViewer } from '../posts/post-viewer.js';
import { compileFilters, FILTER_CONTEXTS, type FilterContext, type FilterMatcher } from './matcher.js';

export type FilterKeyword = Selectable<FilterKeywordTable>;
export type FilterStatus = Selectable<FilterStatusTable>;

export interface FilterView {
  id: number;
  title: string;
  context: FilterContext[];
  filterAction: FilterAction;
  expiresAt: number | null;
  keywords: FilterKeyword[];
  statuses: FilterStatus[];
}

export interface KeywordInput {
  keyword: string;
  wholeWord?: boolean;
}

export interface KeywordChange {
  /** An existing keyword of this filter to change or delete; without it, a new keyword. */
  id?: number;
  keyword?: string;
  wholeWord?: boolean;
  destroy?: boolean;
}

export interface FilterInput {
  title?: string;
  context?: FilterContext[];
  filterAction?: FilterAction;
  /** Seconds from now; null: never expires. */
  expiresIn?: number | null;
}

export const MAX_TITLE_LENGTH = 256;
export const MAX_KEYWORD_LENGTH = 512;

export class Filters {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly posts: Posts,
  ) {}

  async list(owner: PostViewer): Promise<FilterView[]> {
    const rows = await this.database.db
      .selectFrom('filters')
      .selectAll()
      .where('account_id', '=', owner.accountId)
      .orderBy('id')
      .execute();
    return this.views(rows);
  }

  async get(owner: PostViewer, id: number): Promise<FilterView> {
    return (await this.views([await this.row(owner, id)]))[0]!;
  }

  async create(
    owner: PostViewer,
    input: FilterInput & { keywords?: KeywordInput[] },
    now = Date.now(),
  ): Promise<FilterView> {
    const id = newId(now);
    const row: Selectable<FilterTable> = {
      id,
      account_id: owner.accountId,
      title: checkTitle(input.title),
      context: checkContext(input.context).join(','),
      filter_action: input.filterAction ?? 'warn',
      expires_at: expiry(input.expiresIn, now),
      created_at: now,
      updated_at: now,
    };
    const keywords = (input.keywords ?? []).map((k) => ({
      keyword: checkKeyword(k.keyword),
      wholeWord: k.wholeWord ?? true,
    }));
    await this.database.transaction(async (tx) => {
      await tx.db.insertInto('filters').values(row).execute();
      for (const k of keywords) await this.insertKeyword(tx, id, k.keyword, k.wholeWord, now);
      this.announce(tx, owner.accountId);
    });
    return this.get(owner, id);
  }

  async update(
    owner: PostViewer,
    id: number,
    input: FilterInput & { keywords?: KeywordChange[] },
    now = Date.now(),
  ): Promise<FilterView> {
    await this.row(owner, id);
    const change: Partial<Selectable<FilterTable>> = { updated_at: now };
    if (input.title !== undefined) change.title = checkTitle(input.title);
    if (input.context !== undefined) change.context = checkContext(input.context).join(',');
    if (input.filterAction !== undefined) change.filter_action = input.filterAction;
    if (input.expiresIn !== undefined) change.expires_at = expiry(input.expiresIn, now);
    await this.database.transaction(async (tx) => {
      await tx.db.updateTable('filters').set(change).where('id', '=', id).execute();
      for (const k of input.keywords ?? []) {
        if (k.id === undefined) {
          if (k.destroy) continue;
          await this.insertKeyword(tx, id, checkKeyword(k.keyword), k.wholeWord ?? true, now);
          continue;
        }
        const existing = await tx.db
          .selectFrom('filter_keywords')
          .select('id')
          .where('id', '=', k.id)
          .where('filter_id', '=', id)
          .executeTakeFirst();
        if (!existing) throw new NotFoundError('Filter keyword');
        if (k.destroy) {
          await tx.db.deleteFrom('filter_keywords').where('id', '=', k.id).execute();
          continue;
        }
        const set: Partial<FilterKeyword> = {};
        if (k.keyword !== undefined) set.keyword = checkKeyword(k.keyword);
        if (k.wholeWord !== undefined) set.whole_word = k.wholeWord ? 1 : 0;
        if (Object.keys(set).length > 0)
          await tx.db.updateTable('filter_keywords').set(set).where('id', '=', k.id).execute();
      }
      this.announce(tx, owner.accountId);
    });
    return this.get(owner, id);
  }

  async remove(owner: PostViewer, id: number): Promise<void> {
    await this.row(owner, id);
    await this.database.transaction(async (tx) => {
      await tx.db.deleteFrom('filter_keywords').where('filter_id', '=', id).execute();
      await tx.db.deleteFrom('filter_statuses').where('filter_id', '=', id).execute();
      await tx.db.deleteFrom('filters').where('id', '=', id).execute();
      this.announce(tx, owner.accountId);
    });
  }

  async keywords(owner: PostViewer, filterId: number): Promise<FilterKeyword[]> {
    await this.row(owner, filterId);
    return this.database.db
      .selectFrom('filter_keywords')
      .selectAll()
      .where('filter_id', '=', filterId)
      .orderBy('id')
      .execute();
  }

  async addKeyword(
    owner: PostViewer,
    filterId: number,
    input: KeywordInput,
    now = Date.now(),
  ): Promise<FilterKeyword> {
    await this.row(owner, filterId);
    const keyword = checkKeyword(input.keyword);
    const id = await this.database.transaction(async (tx) => {
      const created = await this.insertKeyword(tx, filterId, keyword, input.wholeWord ?? true, now);
      this.announce(tx, owner.accountId);
      return created;
    });
    return this.keyword(owner, id);
  }

  async keyword(owner: PostViewer, id: number): Promise<FilterKeyword> {
    const row = await this.database.db
      .selectFrom('filter_keywords')
      .innerJoin('filters', 'filters.id', 'filter_keywords.filter_id')
      .selectAll('filter_keywords')
      .where('filter_keywords.id', '=', id)
      .where('filters.account_id', '=', owner.accountId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Filter keyword');
    return row;
  }

  async updateKeyword(owner: PostViewer, id: number, input: Partial<KeywordInput>): Promise<FilterKeyword> {
    const current = await this.keyword(owner, id);
    const set: Partial<FilterKeyword> = {};
    if (input.keyword !== undefined) set.keyword = checkKeyword(input.keyword);
    if (input.wholeWord !== undefined) set.whole_word = input.wholeWord ? 1 : 0;
    if (Object.keys(set).length === 0) return current;
    await this.database.transaction(async (tx) => {
      await tx.db.updateTable('filter_keywords').set(set).where('id', '=', id).execute();
      this.announce(tx, owner.accountId);
    });
    return { ...current, ...set };
  }

  async removeKeyword(owner: PostViewer, id: number): Promise<void> {
    await this.keyword(owner, id);
    await this.database.transaction(async (tx) => {
      await tx.db.deleteFrom('filter_keywords').where('id', '=', id).execute();
      this.announce(tx, owner.accountId);
    });
  }

  async statuses(owner: PostViewer, filterId: number): Promise<FilterStatus[]> {
    await this.row(owner, filterId);
    return this.database.db
      .selectFrom('filter_statuses')
      .selectAll()
      .where('filter_id', '=', filterId)
      .orderBy('id')
      .execute();
  }

  /** Adds a post the owner may see (404 otherwise); the same post twice answers 422. */
  async addStatus(
    owner: PostViewer,
    filterId: number,
    statusId: number,
    now = Date.now(),
  ): Promise<FilterStatus> {
    await this.row(owner, filterId);
    await this.posts.get(owner, statusId);
    const row: FilterStatus = { id: newId(now), filter_id: filterId, status_id: statusId, created_at: now };
    await this.database.transaction(async (tx) => {
      const existing = await tx.db
        .selectFrom('filter_statuses')
        .select('id')
        .where('filter_id', '=', filterId)
        .where('status_id', '=', statusId)
        .executeTakeFirst();
      if (existing)
        throw new AppError('unprocessable', 'status_id: the post is already in this filter', {
          field: 'status_id',
        });
      await tx.db.insertInto('filter_statuses').values(row).execute();
      this.announce(tx, owner.accountId);
    });
    return row;
  }

  async status(owner: PostViewer, id: number): Promise<FilterStatus> {
    const row = await this.database.db
      .selectFrom('filter_statuses')
      .innerJoin('filters', 'filters.id', 'filter_statuses.filter_id')
      .selectAll('filter_statuses')
      .where('filter_statuses.id', '=', id)
      .where('filters.account_id', '=', owner.accountId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Filter status');
    return row;
  }

  async removeStatus(owner: PostViewer, id: number): Promise<FilterStatus> {
    const row = await this.status(owner, id);
    await this.database.transaction(async (tx) => {
      await tx.db.deleteFrom('filter_statuses').where('id', '=', id).execute();
      this.announce(tx, owner.accountId);
    });
    return row;
  }

  /**
   * The person's unexpired filters for one context, compiled: `matcher.match(status)` gives
   * Mastodon's `Status.filtered` (FilterResult[]). Load once per request, match every post.
   */
  async matchFor(accountId: number, context: FilterContext, now = Date.now()): Promise<FilterMatcher> {
    const rows = await this.database.db
      .selectFrom('filters')
      .selectAll()
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .execute();
    const views = (await this.views(rows)).filter((f) => f.context.includes(context));
    return compileFilters(
      views.map((f) => ({
        id: f.id,
        title: f.title,
        context: f.context,
        filterAction: f.filterAction,
        expiresAt: f.expiresAt,
        keywords: f.keywords.map((k) => ({ keyword: k.keyword, wholeWord: k.whole_word === 1 })),
        statusIds: f.statuses.map((s) => s.status_id),
      })),
    );
  }

  private async row(owner: PostViewer, id: number): Promise<Selectable<FilterTable>> {
    const row = await this.database.db
      .selectFrom('filters')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', owner.accountId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Filter');
    return row;
  }

  private async views(rows: Selectable<FilterTable>[]): Promise<FilterView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [keywords, statuses] = await Promise.all([
      this.database.db
        .selectFrom('filter_keywords')
        .selectAll()
        .where('filter_id', 'in', ids)
        .orderBy('id')
        .execute(),
      this.database.db
        .selectFrom('filter_statuses')
        .selectAll()
        .where('filter_id', 'in', ids)
        .orderBy('id')
        .execute(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      context: r.context
        .split(',')
        .filter((c): c is FilterContext => (FILTER_CONTEXTS as readonly string[]).includes(c)),
      filterAction: r.filter_action,
      expiresAt: r.expires_at,
      keywords: keywords.filter((k) => k.filter_id === r.id),
      statuses: statuses.filter((s) => s.filter_id === r.id),
    }));
  }

  private async insertKeyword(
    tx: Database,
    filterId: number,
    keyword: string,
    wholeWord: boolean,
    now: number,
  ): Promise<number> {
    const id = newId(now);
    await tx.db
      .insertInto('filter_keywords')
      .values({ id, filter_id: filterId, keyword, whole_word: wholeWord ? 1 : 0, created_at: now })
      .execute();
    return id;
  }

  private announce(tx: Database, accountId: number): void {
    tx.onCommit(() => this.events.publish(`user:${accountId}`, { type: 'filters.changed', accountId }));
  }
}

function checkTitle(raw: string | undefined): string {
  const title = (raw ?? '').trim();
  if (title === '') throw new AppError('unprocessable', "title: can't be blank", { field: 'title' });
  if ([...title].length > MAX_TITLE_LENGTH) {
    throw new AppError('unprocessable', `title: must be at most ${MAX_TITLE_LENGTH} characters`, {
      field: 'title',
    });
  }
  return title;
}

function checkContext(context: FilterContext[] | undefined): FilterContext[] {
  const unique = [...new Set(context ?? [])];
  if (unique.length === 0) {
    throw new AppError('unprocessable', `context: name at least one of ${FILTER_CONTEXTS.join(', ')}`, {
      field: 'context',
    });
  }
  return unique;
}

function checkKeyword(raw: string | undefined): string {
  const keyword = (raw ?? '').trim();
  if (keyword === '') throw new AppError('unprocessable', "keyword: can't be blank", { field: 'keyword' });
  if ([...keyword].length > MAX_KEYWORD_LENGTH) {
    throw new AppError('unprocessable', `keyword: must be at most ${MAX_KEYWORD_LENGTH} characters`, {
      field: 'keyword',
    });
  }
  return keyword;
}

function expiry(expiresIn: number | null | undefined, now: number): number | null {
  if (expiresIn === undefined || expiresIn === null) return null;
  return now + expiresIn * 1000;
}
