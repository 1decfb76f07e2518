import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryExecutor } from 'kysely';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** Timelines hydrate every page: loading N posts must cost the same few queries as loading one. */
describe.each(DIALECTS)('posts.hydrate (%s)', (dialect) => {
  let server: TestServer;
  let people: TestPerson[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    people = [];
    for (let i = 0; i < 4; i++) people.push(await createPerson(server, { username: `writer${i}` }));
    await people[0]!.client.post(`/api/v1/accounts/${people[1]!.accountId}/follow`);
  });
  afterAll(() => server.close());

  /** Counts the queries `fn` sends through the shared Kysely executor. */
  async function countQueries(fn: () => Promise<unknown>): Promise<number> {
    const executor: QueryExecutor = server.ctx.database.db.getExecutor();
    const original = executor.executeQuery;
    let queries = 0;
    executor.executeQuery = ((...args: Parameters<QueryExecutor['executeQuery']>) => {
      queries += 1;
      return original.apply(executor, args);
    }) as QueryExecutor['executeQuery'];
    try {
      await fn();
    } finally {
      executor.executeQuery = original;
    }
    return queries;
  }

  it('loads a mixed page in a constant number of queries, keeping order and dropping hidden posts', async () => {
    const [viewer, friend, other, third] = people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const ids: number[] = [];
    const hidden: number[] = [];
    for (let i = 0; i < 8; i++) {
      const author = [friend, other, third][i % 3]!;
      const post = (
        await author.client.post('/api/v1/statuses', {
          status: `post ${i} #tag${i % 2} @writer${(i + 1) % 4}`,
        })
      ).body;
      ids.push(Number(post.id));
      const reply = (
        await other.client.post('/api/v1/statuses', { status: 'reply', in_reply_to_id: post.id })
      ).body;
      ids.push(Number(reply.id));
      const reshare = (await third.client.post(`/api/v1/statuses/${post.id}/reblog`)).body;
      ids.push(Number(reshare.id));
      const followersOnly = (
        await friend.client.post('/api/v1/statuses', { status: 'friends', visibility: 'private' })
      ).body;
      ids.push(Number(followersOnly.id));
      const direct = (
        await other.client.post('/api/v1/statuses', { status: 'just @writer3', visibility: 'direct' })
      ).body;
      ids.push(Number(direct.id));
      hidden.push(Number(direct.id));
      await viewer.client.post(`/api/v1/statuses/${post.id}/favourite`);
      await viewer.client.post(`/api/v1/statuses/${reply.id}/bookmark`);
    }
    const viewerOf = { accountId: viewer.accountId, role: 'member' as const };
    const shuffled = [...ids].reverse();

    let page: Awaited<ReturnType<typeof server.ctx.services.posts.hydrate>> = [];
    const many = await countQueries(async () => {
      page = await server.ctx.services.posts.hydrate(viewerOf, shuffled);
    });
    const one = await countQueries(() => server.ctx.services.posts.hydrate(viewerOf, [ids[0]!]));

    expect(page.map((s) => s.id)).toEqual(shuffled.filter((id) => !hidden.includes(id)));
    expect(page.filter((s) => s.reblog !== null)).toHaveLength(8);
    expect(page.filter((s) => s.favourited)).toHaveLength(8);
    expect(page.filter((s) => s.bookmarked)).toHaveLength(8);
    expect(one).toBeGreaterThanOrEqual(5);
    expect(many).toBeLessThanOrEqual(12);
    expect(many - one).toBeLessThanOrEqual(3);
  });
});
