import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

async function post(
  person: TestPerson,
  status: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await person.client.post('/api/v1/statuses', { status, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

describe.each(DIALECTS)('trends (%s)', (dialect) => {
  let server: TestServer;
  let people: TestPerson[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    people = await Promise.all([1, 2, 3, 4].map(() => createPerson(server)));
  });
  afterAll(() => server.close());

  async function age(statusId: string, ms: number): Promise<void> {
    await server.ctx.database.db
      .updateTable('statuses')
      .set({ created_at: Date.now() - ms })
      .where('id', '=', Number(statusId))
      .execute();
  }

  it('ranks hashtags by how many different people used them this week, with history', async () => {
    const [a, b, c, d] = people as [TestPerson, TestPerson, TestPerson, TestPerson];
    await post(a, 'ship it #Launch');
    await post(b, 'so proud #launch');
    await post(c, 'finally #LAUNCH');
    for (let i = 0; i < 5; i++) await post(d, `again #Busy ${i}`);
    await post(a, 'hmm #quiet');
    await post(b, 'psst #secretproject', { visibility: 'private' });
    const old = await post(c, 'long ago #ancient');
    await post(d, 'still #ancient');
    await age(old, 10 * 24 * 3600_000);

    const res = await a.client.get('/api/v1/trends/tags');
    expect(res.status).toBe(200);
    const names = res.body.map((t: { name: string }) => t.name);
    expect(names.slice(0, 1)).toEqual(['Launch']);
    expect(names).not.toContain('secretproject');
    // Busy was used five times by one person; ancient once this week; quiet once.
    expect(names.indexOf('Launch')).toBeLessThan(names.indexOf('Busy'));
    const launch = res.body[0];
    expect(launch).toMatchObject({ name: 'Launch', url: `${server.url}/tags/launch`, following: false });
    expect(launch.history).toHaveLength(7);
    expect(launch.history[0]).toMatchObject({ uses: '3', accounts: '3' });

    const limited = await a.client.get('/api/v1/trends/tags?limit=2');
    expect(limited.body).toHaveLength(2);
    expect(limited.headers.get('link')).toContain('offset=2');
    const next = await a.client.get('/api/v1/trends/tags?limit=2&offset=2');
    expect(next.body.map((t: { name: string }) => t.name)).toEqual(names.slice(2, 4));
    expect((await a.client.get('/api/v1/trends')).body.map((t: { name: string }) => t.name)).toEqual(names);
  });

  it('ranks organization posts of the last 48 hours by likes, reshares and replies', async () => {
    const [a, b, c, d] = people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const popular = await post(a, 'popular');
    const liked = await post(b, 'liked once');
    const quiet = await post(c, 'nobody cares');
    const hidden = await post(d, 'followers only', { visibility: 'private' });
    const stale = await post(d, 'old news');
    for (const person of [b, c, d])
      expect((await person.client.post(`/api/v1/statuses/${popular}/favourite`)).status).toBe(200);
    expect((await b.client.post(`/api/v1/statuses/${popular}/reblog`)).status).toBe(200);
    await post(c, 'a reply', { in_reply_to_id: popular });
    await a.client.post(`/api/v1/statuses/${liked}/favourite`);
    await a.client.post(`/api/v1/statuses/${hidden}/favourite`);
    for (const person of [a, b, c]) await person.client.post(`/api/v1/statuses/${stale}/favourite`);
    await age(stale, 3 * 24 * 3600_000);

    const res = await c.client.get('/api/v1/trends/statuses');
    expect(res.status).toBe(200);
    const ids = res.body.map((s: { id: string }) => s.id);
    expect(ids.slice(0, 2)).toEqual([popular, liked]);
    expect(ids).not.toContain(quiet);
    expect(ids).not.toContain(hidden);
    expect(ids).not.toContain(stale);
    expect(res.body[0]).toMatchObject({
      id: popular,
      favourites_count: 3,
      reblogs_count: 1,
      replies_count: 1,
    });

    const paged = await c.client.get('/api/v1/trends/statuses?limit=1&offset=1');
    expect(paged.body.map((s: { id: string }) => s.id)).toEqual([liked]);

    // A post held by screening does not trend, nor do its hashtags.
    const held = await post(b, 'held back #HeldTag');
    for (const person of [a, c, d]) await person.client.post(`/api/v1/statuses/${held}/favourite`);
    await server.ctx.database.db
      .updateTable('statuses')
      .set({ moderation_state: 'held' })
      .where('id', '=', Number(held))
      .execute();
    expect(
      (await c.client.get('/api/v1/trends/statuses')).body.map((s: { id: string }) => s.id),
    ).not.toContain(held);
    expect(
      (await c.client.get('/api/v1/trends/tags')).body.map((t: { name: string }) => t.name),
    ).not.toContain('HeldTag');
  });

  it('has no links, and needs sign-in', async () => {
    expect((await people[0]!.client.get('/api/v1/trends/links')).body).toEqual([]);
    for (const path of ['/api/v1/trends/tags', '/api/v1/trends/statuses', '/api/v1/trends/links']) {
      expect((await server.anonymous.get(path)).status, path).toBe(401);
    }
  });
});
