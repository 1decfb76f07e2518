/**
 * Conversations (Mastodon's direct messages): the threads holding posts addressed only to the
 * people they mention (`mentioned` audience) that the viewer wrote or was mentioned in. They are
 * computed from posts when read; only each person's read and hidden marks are stored. A hidden
 * conversation comes back when a newer message arrives, as in Mastodon.
 */
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import { NotFoundError } from '../../domain/errors.js';
import { finishPage, lowerBound, pageOrder, type PageRequest } from '../../domain/pagination.js';

export interface ConversationReader {
  accountId: number;
}

export interface ConversationView {
  /** The thread's id: the conversation's id in the API. */
  threadId: number;
  lastStatusId: number;
  unread: boolean;
  /** Everyone else who wrote or was mentioned in the thread's direct posts the viewer can see. */
  participantIds: number[];
}

export class Conversations {
  constructor(private readonly database: Database) {}

  /** Newest conversation first, paged by the id of each conversation's last post. */
  async list(reader: ConversationReader, page: PageRequest): Promise<ConversationView[]> {
    const lastId = sql<number>`max(s.id)`;
    let query = this.database.db
      .selectFrom('statuses as s')
      .leftJoin('conversation_states as cs', (join) =>
        join.onRef('cs.thread_id', '=', 's.thread_id').on('cs.account_id', '=', reader.accountId),
      )
      .select(['s.thread_id', lastId.as('last_id')])
      .where(this.directTo(reader.accountId))
      .groupBy(['s.thread_id', 'cs.hidden_up_to'])
      .having(lastId, '>', sql<number>`coalesce(cs.hidden_up_to, 0)`);
    if (page.maxId !== null) query = query.having(lastId, '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.having(lastId, '>', lower);
    const rows = finishPage(await query.orderBy(lastId, pageOrder(page)).limit(page.limit).execute(), page);
    return this.views(
      reader,
      rows.map((r) => r.thread_id),
    );
  }

  /** One conversation of the viewer's; 404 when they have none in that thread (or hid it). */
  async get(reader: ConversationReader, threadId: number): Promise<ConversationView> {
    const [view] = await this.views(reader, [threadId]);
    if (!view) throw new NotFoundError('Conversation');
    return view;
  }

  async markRead(reader: ConversationReader, threadId: number, now = Date.now()): Promise<ConversationView> {
    const view = await this.get(reader, threadId);
    await this.saveState(reader.accountId, threadId, { last_read_id: view.lastStatusId }, now);
    return { ...view, unread: false };
  }

  /** Removes the conversation from the viewer's list until someone writes in it again. */
  async hide(reader: ConversationReader, threadId: number, now = Date.now()): Promise<void> {
    const view = await this.get(reader, threadId);
    await this.saveState(
      reader.accountId,
      threadId,
      { hidden_up_to: view.lastStatusId, last_read_id: view.lastStatusId },
      now,
    );
  }

  /**
   * Direct posts (not reshares) the reader wrote or is mentioned in, by authors not suspended;
   * a post held or removed by screening counts only for its author.
   */
  private directTo(accountId: number) {
    return sql<SqlBool>`(s.visibility = 'mentioned' and s.reblog_of_id is null
      and (s.account_id = ${accountId}
        or (s.moderation_state = 'visible'
          and exists (select 1 from mentions cm where cm.status_id = s.id and cm.account_id = ${accountId})))
      and not exists (select 1 from accounts ca where ca.id = s.account_id and ca.suspended_at is not null))`;
  }

  private async views(reader: ConversationReader, threadIds: number[]): Promise<ConversationView[]> {
    if (threadIds.length === 0) return [];
    const db = this.database.db;
    const [posts, states] = await Promise.all([
      db
        .selectFrom('statuses as s')
        .select(['s.id', 's.thread_id', 's.account_id'])
        .where('s.thread_id', 'in', threadIds)
        .where(this.directTo(reader.accountId))
        .orderBy('s.id')
        .execute(),
      db
        .selectFrom('conversation_states')
        .selectAll()
        .where('account_id', '=', reader.accountId)
        .where('thread_id', 'in', threadIds)
        .execute(),
    ]);
    const mentions =
      posts.length === 0
        ? []
        : await db
            .selectFrom('mentions')
            .select(['status_id', 'account_id'])
            .where(
              'status_id',
              'in',
              posts.map((p) => p.id),
            )
            .execute();
    const stateOf = new Map(states.map((s) => [s.thread_id, s]));
    const views: ConversationView[] = [];
    for (const threadId of threadIds) {
      const thread = posts.filter((p) => p.thread_id === threadId);
      const last = thread[thread.length - 1];
      const state = stateOf.get(threadId);
      if (!last || last.id <= (state?.hidden_up_to ?? 0)) continue;
      const ids = new Set(thread.map((p) => p.id));
      const participants = new Set<number>();
      for (const post of thread) participants.add(post.account_id);
      for (const mention of mentions) if (ids.has(mention.status_id)) participants.add(mention.account_id);
      participants.delete(reader.accountId);
      // Writing in a conversation reads it; only someone else's later message makes it unread.
      const ownLatest = Math.max(
        0,
        ...thread.filter((p) => p.account_id === reader.accountId).map((p) => p.id),
      );
      const readUpTo = Math.max(state?.last_read_id ?? 0, ownLatest);
      views.push({
        threadId,
        lastStatusId: last.id,
        unread: thread.some((p) => p.account_id !== reader.accountId && p.id > readUpTo),
        participantIds: [...participants],
      });
    }
    return views;
  }

  private async saveState(
    accountId: number,
    threadId: number,
    values: { last_read_id?: number; hidden_up_to?: number },
    now: number,
  ): Promise<void> {
    await this.database.db
      .insertInto('conversation_states')
      .values({
        account_id: accountId,
        thread_id: threadId,
        last_read_id: values.last_read_id ?? 0,
        hidden_up_to: values.hidden_up_to ?? 0,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['account_id', 'thread_id']).doUpdateSet({ ...values, updated_at: now }))
      .execute();
  }
}
