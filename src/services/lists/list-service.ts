/**
 * Lists: a person's named groups of people they follow, each with a timeline of those people's
 * posts. Only the owner sees a list; to anyone else it does not exist (404). Membership counts only
 * while the owner still follows the member, so an unfollow takes someone out of every list at once.
 */
import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ListRepliesPolicy, ListTable } from '../../db/schema.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { finishPage, pageOrder, type PageRequest } from '../../domain/pagination.js';
import type { Follows } from '../follows/follow-service.js';
import { withinPage } from '../timelines/page-sql.js';
import { visibleTo } from '../timelines/visible-sql.js';

export type List = Selectable<ListTable>;

export const REPLIES_POLICIES: readonly ListRepliesPolicy[] = ['followed', 'list', 'none'];
export const MAX_TITLE_LENGTH = 256;

export interface ListOwner {
  accountId: number;
}

export interface ListInput {
  title?: string;
  repliesPolicy?: ListRepliesPolicy;
  exclusive?: boolean;
}

export interface MemberPage {
  accountIds: number[];
  /** Cursors (membership ids) in page order, for the Link header. */
  cursors: number[];
}

export class Lists {
  constructor(
    private readonly database: Database,
    private readonly follows: Follows,
  ) {}

  async all(owner: ListOwner): Promise<List[]> {
    return this.database.db
      .selectFrom('lists')
      .selectAll()
      .where('account_id', '=', owner.accountId)
      .orderBy('id')
      .execute();
  }

  async get(owner: ListOwner, id: number): Promise<List> {
    const list = await this.database.db
      .selectFrom('lists')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', owner.accountId)
      .executeTakeFirst();
    if (!list) throw new NotFoundError('List');
    return list;
  }

  async create(owner: ListOwner, input: ListInput, now = Date.now()): Promise<List> {
    const list: List = {
      id: newId(now),
      account_id: owner.accountId,
      title: checkTitle(input.title),
      replies_policy: input.repliesPolicy ?? 'list',
      exclusive: input.exclusive ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await this.database.db.insertInto('lists').values(list).execute();
    return list;
  }

  async update(owner: ListOwner, id: number, input: ListInput, now = Date.now()): Promise<List> {
    const list = await this.get(owner, id);
    const change: Partial<List> = { updated_at: now };
    if (input.title !== undefined) change.title = checkTitle(input.title);
    if (input.repliesPolicy !== undefined) change.replies_policy = input.repliesPolicy;
    if (input.exclusive !== undefined) change.exclusive = input.exclusive ? 1 : 0;
    await this.database.db.updateTable('lists').set(change).where('id', '=', id).execute();
    return { ...list, ...change };
  }

  async remove(owner: ListOwner, id: number): Promise<void> {
    await this.get(owner, id);
    await this.database.transaction(async (tx) => {
      await tx.db.deleteFrom('list_accounts').where('list_id', '=', id).execute();
      await tx.db.deleteFrom('lists').where('id', '=', id).execute();
    });
  }

  /** Members in the order they were added; `limit` 0 answers all of them. */
  async members(owner: ListOwner, id: number, page: PageRequest): Promise<MemberPage> {
    await this.get(owner, id);
    let query = this.database.db
      .selectFrom('list_accounts')
      .innerJoin('follows', (join) =>
        join
          .onRef('follows.target_account_id', '=', 'list_accounts.account_id')
          .on('follows.account_id', '=', owner.accountId),
      )
      .innerJoin('accounts', 'accounts.id', 'list_accounts.account_id')
      .select(['list_accounts.id as cursor', 'list_accounts.account_id'])
      .where('list_accounts.list_id', '=', id)
      .where('accounts.suspended_at', 'is', null)
      .where(withinPage('list_accounts.id', page))
      .orderBy('list_accounts.id', pageOrder(page));
    if (page.limit > 0) query = query.limit(page.limit);
    const rows = finishPage(await query.execute(), page);
    return { accountIds: rows.map((r) => r.account_id), cursors: rows.map((r) => r.cursor) };
  }

  /** Adds people the owner follows; anyone else (or an unknown id) answers 404, as in Mastodon. */
  async addMembers(owner: ListOwner, id: number, accountIds: number[], now = Date.now()): Promise<void> {
    await this.get(owner, id);
    const ids = [...new Set(accountIds)];
    if (ids.length === 0)
      throw new AppError('validation_failed', 'account_ids: name at least one account', {
        field: 'account_ids',
      });
    const relationships = await this.follows.relationships(owner.accountId, ids);
    if (relationships.some((r) => !r.following)) throw new NotFoundError('Account');
    await this.database.transaction(async (tx) => {
      for (const accountId of ids) {
        await tx.db
          .insertInto('list_accounts')
          .values({ id: newId(now), list_id: id, account_id: accountId, created_at: now })
          .onConflict((oc) => oc.columns(['list_id', 'account_id']).doNothing())
          .execute();
      }
    });
  }

  async removeMembers(owner: ListOwner, id: number, accountIds: number[]): Promise<void> {
    await this.get(owner, id);
    const ids = [...new Set(accountIds)];
    if (ids.length === 0) return;
    await this.database.db
      .deleteFrom('list_accounts')
      .where('list_id', '=', id)
      .where('account_id', 'in', ids)
      .execute();
  }

  /** The owner's lists that include `accountId` (GET /api/v1/accounts/:id/lists). */
  async containing(owner: ListOwner, accountId: number): Promise<List[]> {
    return this.database.db
      .selectFrom('lists')
      .innerJoin('list_accounts', 'list_accounts.list_id', 'lists.id')
      .selectAll('lists')
      .where('lists.account_id', '=', owner.accountId)
      .where('list_accounts.account_id', '=', accountId)
      .orderBy('lists.id')
      .execute();
  }

  /**
   * A page of post ids for the list's timeline: posts and reshares by members the owner still
   * follows, that the owner may see, with replies to others kept or dropped by the list's
   * `replies_policy` (self-replies and replies to the owner always stay).
   */
  async timeline(owner: ListOwner, id: number, page: PageRequest): Promise<number[]> {
    const list = await this.get(owner, id);
    const me = owner.accountId;
    const shown = [
      sql`s.in_reply_to_account_id is null`,
      sql`s.in_reply_to_account_id = s.account_id`,
      sql`s.in_reply_to_account_id = ${me}`,
    ];
    if (list.replies_policy === 'followed') {
      shown.push(
        sql`exists (select 1 from follows rf where rf.account_id = ${me} and rf.target_account_id = s.in_reply_to_account_id)`,
      );
    } else if (list.replies_policy === 'list') {
      shown.push(
        sql`exists (select 1 from list_accounts rl where rl.list_id = ${id} and rl.account_id = s.in_reply_to_account_id)`,
      );
    }
    const repliesShown = sql<SqlBool>`(${sql.join(shown, sql` or `)})`;
    const rows = await this.database.db
      .selectFrom('statuses as s')
      .select('s.id')
      .where((eb) =>
        eb(
          's.account_id',
          'in',
          eb
            .selectFrom('list_accounts as la')
            .innerJoin('follows as lf', (join) =>
              join.onRef('lf.target_account_id', '=', 'la.account_id').on('lf.account_id', '=', me),
            )
            .select('la.account_id')
            .where('la.list_id', '=', id),
        ),
      )
      .where(visibleTo(me, 's'))
      .where(repliesShown)
      .where(withinPage('s.id', page))
      .orderBy('s.id', pageOrder(page))
      .limit(page.limit)
      .execute();
    return finishPage(rows, page).map((r) => r.id);
  }

  /** People whose posts leave the owner's home timeline because they are in an exclusive list. */
  async exclusiveMemberIds(accountId: number): Promise<number[]> {
    const rows = await this.database.db
      .selectFrom('list_accounts')
      .innerJoin('lists', 'lists.id', 'list_accounts.list_id')
      .select('list_accounts.account_id')
      .distinct()
      .where('lists.account_id', '=', accountId)
      .where('lists.exclusive', '=', 1)
      .execute();
    return rows.map((r) => r.account_id);
  }

  /** Inside an unfollow's transaction: the former follower's lists no longer hold that person. */
  async forgetFollow(tx: Database, followerId: number, targetId: number): Promise<void> {
    await tx.db
      .deleteFrom('list_accounts')
      .where('account_id', '=', targetId)
      .where('list_id', 'in', (eb) =>
        eb.selectFrom('lists').select('id').where('account_id', '=', followerId),
      )
      .execute();
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
