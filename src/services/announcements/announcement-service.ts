/**
 * Announcements: administrators write them; everyone signed in sees the active ones (published,
 * not ended), marks them read, and reacts with emoji. Text is rendered to safe HTML once, when
 * written, like posts: links, mentions of existing people and hashtags.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AnnouncementTable } from '../../db/schema.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { renderPostHtml } from '../../domain/text/render.js';
import { extractEntities } from '../../domain/text/tokens.js';
import type { Accounts } from '../accounts/account-service.js';
import { isEmoji } from './reaction-names.js';

export type AnnouncementRow = Selectable<AnnouncementTable>;

export interface ReactionCount {
  name: string;
  count: number;
  me: boolean;
}

export interface AnnouncementView extends AnnouncementRow {
  read: boolean;
  reactions: ReactionCount[];
  /** Mentioned people (id, username) and hashtags (normalised name, as written), in text order. */
  mentions: { id: number; username: string }[];
  tags: { name: string; display: string }[];
}

export interface AnnouncementInput {
  text?: string;
  startsAt?: number | null;
  endsAt?: number | null;
  allDay?: boolean;
  /** When it starts being shown; null keeps it a draft. Defaults to now on create. */
  publishedAt?: number | null;
}

export interface AnnouncementReader {
  accountId: number;
}

export const MAX_TEXT_LENGTH = 5000;

export class Announcements {
  constructor(
    private readonly database: Database,
    private readonly accounts: Accounts,
    private readonly baseUrl: () => string,
  ) {}

  /** What a person sees now: published, not ended, newest first. */
  async active(reader: AnnouncementReader, now = Date.now()): Promise<AnnouncementView[]> {
    const rows = await this.database.db
      .selectFrom('announcements')
      .selectAll()
      .where('published_at', 'is not', null)
      .where('published_at', '<=', now)
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return this.views(reader, rows);
  }

  /** Every announcement, drafts and ended ones too, newest first (for administrators). */
  async all(reader: AnnouncementReader): Promise<AnnouncementView[]> {
    const rows = await this.database.db
      .selectFrom('announcements')
      .selectAll()
      .orderBy('id', 'desc')
      .execute();
    return this.views(reader, rows);
  }

  async get(reader: AnnouncementReader, id: number): Promise<AnnouncementView> {
    const row = await this.database.db
      .selectFrom('announcements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Announcement');
    return (await this.views(reader, [row]))[0]!;
  }

  async dismiss(reader: AnnouncementReader, id: number, now = Date.now()): Promise<void> {
    await this.activeRow(id, now);
    await this.database.db
      .insertInto('announcement_dismissals')
      .values({ announcement_id: id, account_id: reader.accountId, created_at: now })
      .onConflict((oc) => oc.columns(['announcement_id', 'account_id']).doNothing())
      .execute();
  }

  async react(reader: AnnouncementReader, id: number, name: string, now = Date.now()): Promise<void> {
    await this.activeRow(id, now);
    checkReaction(name);
    await this.database.db
      .insertInto('announcement_reactions')
      .values({ announcement_id: id, account_id: reader.accountId, name, created_at: now })
      .onConflict((oc) => oc.columns(['announcement_id', 'account_id', 'name']).doNothing())
      .execute();
  }

  async unreact(reader: AnnouncementReader, id: number, name: string, now = Date.now()): Promise<void> {
    await this.activeRow(id, now);
    checkReaction(name);
    await this.database.db
      .deleteFrom('announcement_reactions')
      .where('announcement_id', '=', id)
      .where('account_id', '=', reader.accountId)
      .where('name', '=', name)
      .execute();
  }

  async create(
    author: AnnouncementReader,
    input: AnnouncementInput,
    now = Date.now(),
  ): Promise<AnnouncementView> {
    const text = checkText(input.text);
    const row: AnnouncementRow = {
      id: newId(now),
      text,
      content_html: await this.render(text),
      starts_at: input.startsAt ?? null,
      ends_at: input.endsAt ?? null,
      all_day: input.allDay && (input.startsAt != null || input.endsAt != null) ? 1 : 0,
      published_at: input.publishedAt === undefined ? now : input.publishedAt,
      created_by: author.accountId,
      created_at: now,
      updated_at: now,
    };
    checkPeriod(row.starts_at, row.ends_at);
    await this.database.db.insertInto('announcements').values(row).execute();
    return this.get(author, row.id);
  }

  async update(
    author: AnnouncementReader,
    id: number,
    input: AnnouncementInput,
    now = Date.now(),
  ): Promise<AnnouncementView> {
    const current = await this.get(author, id);
    const change: Partial<AnnouncementRow> = { updated_at: now };
    if (input.text !== undefined) {
      change.text = checkText(input.text);
      change.content_html = await this.render(change.text);
    }
    if (input.startsAt !== undefined) change.starts_at = input.startsAt;
    if (input.endsAt !== undefined) change.ends_at = input.endsAt;
    if (input.publishedAt !== undefined) change.published_at = input.publishedAt;
    const startsAt = change.starts_at !== undefined ? change.starts_at : current.starts_at;
    const endsAt = change.ends_at !== undefined ? change.ends_at : current.ends_at;
    checkPeriod(startsAt, endsAt);
    const allDay = input.allDay !== undefined ? input.allDay : current.all_day === 1;
    change.all_day = allDay && (startsAt !== null || endsAt !== null) ? 1 : 0;
    await this.database.db.updateTable('announcements').set(change).where('id', '=', id).execute();
    return this.get(author, id);
  }

  async remove(id: number): Promise<void> {
    await this.database.transaction(async (tx) => {
      const row = await tx.db
        .selectFrom('announcements')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError('Announcement');
      await tx.db.deleteFrom('announcement_reactions').where('announcement_id', '=', id).execute();
      await tx.db.deleteFrom('announcement_dismissals').where('announcement_id', '=', id).execute();
      await tx.db.deleteFrom('announcements').where('id', '=', id).execute();
    });
  }

  /** Reading and reacting concern only what people can see: anything else does not exist (404). */
  private async activeRow(id: number, now: number): Promise<AnnouncementRow> {
    const row = await this.database.db
      .selectFrom('announcements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    const active =
      row &&
      row.published_at !== null &&
      row.published_at <= now &&
      (row.ends_at === null || row.ends_at > now);
    if (!active) throw new NotFoundError('Announcement');
    return row;
  }

  private async render(text: string): Promise<string> {
    const baseUrl = this.baseUrl();
    const host = new URL(baseUrl).host;
    const people = new Map<string, string>();
    for (const account of await this.mentioned(text, host))
      people.set(account.username.toLowerCase(), account.username);
    return renderPostHtml(text, { host, baseUrl, people });
  }

  private async mentioned(text: string, host: string): Promise<{ id: number; username: string }[]> {
    const found = await Promise.all(
      extractEntities(text, { host }).mentions.map(async (username) => {
        try {
          return await this.accounts.lookup(null, username);
        } catch (error) {
          if (error instanceof NotFoundError) return null;
          throw error;
        }
      }),
    );
    return found.flatMap((account) => (account ? [{ id: account.id, username: account.username }] : []));
  }

  private async views(reader: AnnouncementReader, rows: AnnouncementRow[]): Promise<AnnouncementView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [dismissed, reactions] = await Promise.all([
      this.database.db
        .selectFrom('announcement_dismissals')
        .select('announcement_id')
        .where('account_id', '=', reader.accountId)
        .where('announcement_id', 'in', ids)
        .execute(),
      this.database.db
        .selectFrom('announcement_reactions')
        .select(['announcement_id', 'account_id', 'name', 'created_at'])
        .where('announcement_id', 'in', ids)
        .orderBy('created_at')
        .execute(),
    ]);
    const read = new Set(dismissed.map((d) => d.announcement_id));
    const host = new URL(this.baseUrl()).host;
    return Promise.all(
      rows.map(async (row) => {
        const counts = new Map<string, ReactionCount>();
        for (const reaction of reactions.filter((r) => r.announcement_id === row.id)) {
          const entry = counts.get(reaction.name) ?? { name: reaction.name, count: 0, me: false };
          entry.count += 1;
          if (reaction.account_id === reader.accountId) entry.me = true;
          counts.set(reaction.name, entry);
        }
        return {
          ...row,
          read: read.has(row.id),
          reactions: [...counts.values()],
          mentions: await this.mentioned(row.text, host),
          tags: extractEntities(row.text, { host }).hashtags,
        };
      }),
    );
  }
}

function checkText(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  if (text === '') throw new AppError('unprocessable', "text: can't be blank", { field: 'text' });
  if ([...text].length > MAX_TEXT_LENGTH) {
    throw new AppError('unprocessable', `text: must be at most ${MAX_TEXT_LENGTH} characters`, {
      field: 'text',
    });
  }
  return text;
}

function checkPeriod(startsAt: number | null, endsAt: number | null): void {
  if (startsAt !== null && endsAt !== null && endsAt < startsAt) {
    throw new AppError('unprocessable', 'ends_at: must not be before starts_at', { field: 'ends_at' });
  }
}

function checkReaction(name: string): void {
  if (!isEmoji(name))
    throw new AppError('unprocessable', 'name: is not a recognized emoji', { field: 'name' });
}
