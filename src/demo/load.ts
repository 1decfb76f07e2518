/**
 * Brings the demo company to life through the real services — so posts are rendered, feeds
 * fanned out and notifications sent exactly as in use — replaying the month in time order, then
 * dating each post, like and notification to its moment in the plan.
 */
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { hashPassword } from '../services/auth/passwords.js';
import { ALL_SCOPES, type Viewer } from '../services/auth/viewer.js';
import type { DemoPlan } from './company.js';

export const DEMO_PASSWORD = 'northwind-demo';

export interface DemoSummary {
  departments: number;
  people: number;
  follows: number;
  posts: number;
  likes: number;
  reshares: number;
  admin: string;
}

export async function loadDemo(ctx: AppContext, plan: DemoPlan, progress: (line: string) => void): Promise<DemoSummary> {
  const { accounts, follows, posts, interactions, tags } = ctx.services;
  const db = ctx.database.db;
  if (ctx.database.dialect === 'sqlite') {
    // Thousands of small transactions: durable commits are not needed while seeding.
    await sql`pragma synchronous = normal`.execute(db);
  }

  const departmentIds = new Map<string, number>();
  for (const name of plan.departments) {
    const existing = await accounts.departmentByName(name);
    departmentIds.set(name, existing?.id ?? (await accounts.createDepartment(name)).id);
  }

  // One argon2 hash for everyone: hashing 170 passwords one by one would take most of a minute.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const viewers = new Map<string, Viewer>();
  for (const person of plan.people) {
    const manager = person.manager ? viewers.get(person.manager) : undefined;
    const created = await accounts.createPerson({
      username: person.username,
      email: person.email,
      passwordHash,
      role: person.admin ? 'admin' : 'member',
      displayName: person.displayName,
      departmentId: departmentIds.get(person.department) ?? null,
      title: person.title,
      managerId: manager?.accountId ?? null,
    });
    await accounts.updateProfile(created.accountId, { note: person.bio });
    viewers.set(person.username, {
      userId: created.userId,
      accountId: created.accountId,
      role: person.admin ? 'admin' : 'member',
      scopes: new Set(ALL_SCOPES),
      credential: { kind: 'token', id: 0 },
    });
  }
  progress(`${plan.people.length} people in ${plan.departments.length} departments`);

  const viewer = (username: string): Viewer => viewers.get(username)!;
  for (const [a, b] of plan.follows) {
    await follows.follow(viewer(a), viewer(b).accountId);
  }
  for (const [person, tag] of plan.tagFollows) await tags.follow(viewer(person).accountId, tag);
  progress(`${plan.follows.length} follows`);

  // Replay in time order so IDs, feeds and threads come out as they would have.
  type Action = { at: number; run: () => Promise<void> };
  const statusIds = new Map<number, number>();
  const datedStatuses: Array<[number, number]> = [];
  const actions: Action[] = [
    ...plan.posts.map((post) => ({
      at: post.at,
      run: async () => {
        const created = await posts.create(viewer(post.author), {
          text: post.text,
          visibility: post.visibility,
          inReplyToId: post.replyTo === null ? null : (statusIds.get(post.replyTo) ?? null),
        });
        statusIds.set(post.key, created.id);
        datedStatuses.push([created.id, post.at]);
      },
    })),
    ...plan.likes.map((like) => ({
      at: like.at,
      run: async () => {
        const id = statusIds.get(like.post);
        if (id !== undefined) await interactions.favourite(viewer(like.person), id);
      },
    })),
    ...plan.reshares.map((share) => ({
      at: share.at,
      run: async () => {
        const id = statusIds.get(share.post);
        if (id === undefined) return;
        const reblog = await interactions.reblog(viewer(share.person), id);
        const ownId = await db
          .selectFrom('statuses')
          .select('id')
          .where('reblog_of_id', '=', reblog.id)
          .where('account_id', '=', viewer(share.person).accountId)
          .executeTakeFirst();
        if (ownId) datedStatuses.push([ownId.id, share.at]);
      },
    })),
  ].sort((x, y) => x.at - y.at);
  let done = 0;
  for (const action of actions) {
    await action.run();
    done += 1;
    if (done % 1000 === 0) progress(`${done} of ${actions.length} posts, likes and reshares`);
  }

  // Date everything to its moment in the plan (IDs already sort in the same order).
  await ctx.database.transaction(async (tx) => {
    for (const [id, at] of datedStatuses) {
      await tx.db.updateTable('statuses').set({ created_at: at }).where('id', '=', id).execute();
      await tx.db.updateTable('notifications').set({ created_at: at }).where('status_id', '=', id).execute();
    }
    for (const like of plan.likes) {
      const id = statusIds.get(like.post);
      if (id === undefined) continue;
      await tx.db
        .updateTable('favourites')
        .set({ created_at: like.at })
        .where('status_id', '=', id)
        .where('account_id', '=', viewer(like.person).accountId)
        .execute();
    }
    for (const v of viewers.values()) {
      const last = await tx.db
        .selectFrom('statuses')
        .select((eb) => eb.fn.max('created_at').as('last'))
        .where('account_id', '=', v.accountId)
        .executeTakeFirst();
      await tx.db.updateTable('accounts').set({ last_status_at: last?.last ?? null }).where('id', '=', v.accountId).execute();
    }
  });
  if (ctx.database.dialect === 'sqlite') await sql`pragma synchronous = full`.execute(db);

  const admin = plan.people.find((p) => p.admin)!;
  return {
    departments: plan.departments.length,
    people: plan.people.length,
    follows: plan.follows.length,
    posts: plan.posts.length,
    likes: plan.likes.length,
    reshares: plan.reshares.length,
    admin: admin.username,
  };
}
