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

async function follow(follower: TestPerson, target: TestPerson): Promise<void> {
  expect((await follower.client.post(`/api/v1/accounts/${target.accountId}/follow`)).status).toBe(200);
}

function ids(res: { status: number; body: any }): string[] {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.map((item: { id: string }) => item.id);
}

async function form(person: TestPerson, method: string, path: string, body: string) {
  const response = await fetch(person.client.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${person.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe.each(DIALECTS)('lists (%s)', (dialect) => {
  let server: TestServer;
  let owner: TestPerson;
  let stranger: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [owner, stranger] = await Promise.all([createPerson(server), createPerson(server)]);
  });
  afterAll(() => server.close());

  async function listCount(): Promise<number> {
    const row = await server.ctx.database.db
      .selectFrom('lists')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('creates, shows, renames and deletes the viewer’s own lists', async () => {
    const created = await owner.client.post('/api/v1/lists', {
      title: 'Design team',
      replies_policy: 'followed',
      exclusive: true,
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      title: 'Design team',
      replies_policy: 'followed',
      exclusive: true,
    });
    const id = created.body.id;

    const defaults = await form(owner, 'POST', '/api/v1/lists', 'title=Second');
    expect(defaults.body).toMatchObject({ title: 'Second', replies_policy: 'list', exclusive: false });

    expect(ids(await owner.client.get('/api/v1/lists'))).toEqual([id, defaults.body.id]);
    expect((await owner.client.get(`/api/v1/lists/${id}`)).body.title).toBe('Design team');

    const renamed = await owner.client.put(`/api/v1/lists/${id}`, { title: 'Designers', exclusive: 'false' });
    expect(renamed.body).toMatchObject({
      id,
      title: 'Designers',
      replies_policy: 'followed',
      exclusive: false,
    });

    expect((await owner.client.delete(`/api/v1/lists/${defaults.body.id}`)).body).toEqual({});
    expect(ids(await owner.client.get('/api/v1/lists'))).toEqual([id]);
  });

  it('hides a list from everyone but its owner (404) and refuses bad input naming the field', async () => {
    const id = (await owner.client.post('/api/v1/lists', { title: 'Private' })).body.id;
    expect((await stranger.client.get(`/api/v1/lists/${id}`)).status).toBe(404);
    expect((await stranger.client.put(`/api/v1/lists/${id}`, { title: 'Mine' })).status).toBe(404);
    expect((await stranger.client.delete(`/api/v1/lists/${id}`)).status).toBe(404);
    expect((await stranger.client.get(`/api/v1/lists/${id}/accounts`)).status).toBe(404);
    expect((await stranger.client.get(`/api/v1/timelines/list/${id}`)).status).toBe(404);
    expect(ids(await stranger.client.get('/api/v1/lists'))).not.toContain(id);
    expect((await owner.client.get(`/api/v1/lists/${id}`)).body.title).toBe('Private');

    const before = await listCount();
    const blank = await owner.client.post('/api/v1/lists', { title: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.details.field).toBe('title');
    const policy = await owner.client.post('/api/v1/lists', { title: 'x', replies_policy: 'everyone' });
    expect(policy.status).toBe(400);
    expect(policy.body.details.field).toBe('replies_policy');
    expect(await listCount()).toBe(before);

    expect((await server.anonymous.get('/api/v1/lists')).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(owner.userId, {
      scopes: ['read'],
      name: 'r',
    });
    const readOnly = server.client(secret);
    expect((await readOnly.get('/api/v1/lists')).status).toBe(200);
    expect((await readOnly.post('/api/v1/lists', { title: 'nope' })).status).toBe(403);
    expect(await listCount()).toBe(before);
  });

  it('adds only followed people, pages members with a Link header, and removes them', async () => {
    const people = await Promise.all([createPerson(server), createPerson(server), createPerson(server)]);
    const notFollowed = await createPerson(server);
    for (const person of people) await follow(owner, person);
    const id = (await owner.client.post('/api/v1/lists', { title: 'Members' })).body.id;

    const refused = await owner.client.post(`/api/v1/lists/${id}/accounts`, {
      account_ids: [String(people[0]!.accountId), String(notFollowed.accountId)],
    });
    expect(refused.status).toBe(404);
    expect(ids(await owner.client.get(`/api/v1/lists/${id}/accounts`))).toEqual([]);

    expect(
      (
        await owner.client.post(`/api/v1/lists/${id}/accounts`, {
          account_ids: [String(people[0]!.accountId)],
        })
      ).body,
    ).toEqual({});
    const viaForm = await form(
      owner,
      'POST',
      `/api/v1/lists/${id}/accounts`,
      `account_ids[]=${people[1]!.accountId}&account_ids[]=${people[2]!.accountId}`,
    );
    expect(viaForm.status).toBe(200);
    // Adding someone already there changes nothing.
    expect(
      (
        await owner.client.post(`/api/v1/lists/${id}/accounts`, {
          account_ids: [String(people[0]!.accountId)],
        })
      ).status,
    ).toBe(200);

    const bad = await owner.client.post(`/api/v1/lists/${id}/accounts`, { account_ids: ['abc'] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('account_ids');

    // Newest member first, as Mastodon pages them.
    const expected = people.map((p) => String(p.accountId)).reverse();
    const first = await owner.client.get(`/api/v1/lists/${id}/accounts?limit=2`);
    expect(ids(first)).toEqual(expected.slice(0, 2));
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    expect(ids(await owner.client.get(next!.replace(server.url, '')))).toEqual(expected.slice(2));
    expect(ids(await owner.client.get(`/api/v1/lists/${id}/accounts?limit=0`))).toEqual(expected);

    const lists = await owner.client.get(`/api/v1/accounts/${people[1]!.accountId}/lists`);
    expect(ids(lists)).toEqual([id]);
    expect(ids(await stranger.client.get(`/api/v1/accounts/${people[1]!.accountId}/lists`))).toEqual([]);

    expect(
      (
        await owner.client.delete(`/api/v1/lists/${id}/accounts`, {
          account_ids: [String(people[1]!.accountId)],
        })
      ).status,
    ).toBe(200);
    expect(ids(await owner.client.get(`/api/v1/lists/${id}/accounts?limit=0`))).toEqual([
      expected[0],
      expected[2],
    ]);
    expect(ids(await owner.client.get(`/api/v1/accounts/${people[1]!.accountId}/lists`))).toEqual([]);

    // Unfollowing takes a person out of the list.
    expect((await owner.client.post(`/api/v1/accounts/${people[0]!.accountId}/unfollow`)).status).toBe(200);
    expect(ids(await owner.client.get(`/api/v1/lists/${id}/accounts?limit=0`))).toEqual([expected[0]]);
  });

  it('shows members’ posts the owner may see, with replies by the list’s policy', async () => {
    const [member, other, outsider] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    await follow(owner, member);
    await follow(owner, other);
    const listOnly = (await owner.client.post('/api/v1/lists', { title: 'only the list' })).body.id;
    const followed = (
      await owner.client.post('/api/v1/lists', { title: 'followed', replies_policy: 'followed' })
    ).body.id;
    const none = (await owner.client.post('/api/v1/lists', { title: 'none', replies_policy: 'none' })).body
      .id;
    for (const list of [listOnly, followed, none]) {
      await owner.client.post(`/api/v1/lists/${list}/accounts`, { account_ids: [String(member.accountId)] });
    }

    const plain = await post(member, 'hello list');
    const privatePost = await post(member, 'for followers', { visibility: 'private' });
    await post(member, `psst @${outsider.username}`, { visibility: 'direct' });
    const toOwner = await post(member, `hi @${owner.username}`, { visibility: 'direct' });
    await post(other, 'not a member');
    const otherRoot = await post(other, 'root by a followed non-member');
    const replyToFollowed = await post(member, 'reply to other', { in_reply_to_id: otherRoot });
    const outsiderRoot = await post(outsider, 'root by a stranger');
    const replyToStranger = await post(member, 'reply to outsider', { in_reply_to_id: outsiderRoot });
    const selfReply = await post(member, 'self reply', { in_reply_to_id: plain });
    const ownerRoot = await post(owner, 'owner speaks');
    const replyToOwner = await post(member, 'reply to owner', { in_reply_to_id: ownerRoot });

    const base = [plain, privatePost, toOwner, selfReply, replyToOwner];
    const sorted = (list: string[]) => [...list].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expect(ids(await owner.client.get(`/api/v1/timelines/list/${listOnly}`))).toEqual(sorted(base));
    expect(ids(await owner.client.get(`/api/v1/timelines/list/${followed}`))).toEqual(
      sorted([...base, replyToFollowed]),
    );
    expect(ids(await owner.client.get(`/api/v1/timelines/list/${none}`))).toEqual(sorted(base));
    expect(ids(await owner.client.get(`/api/v1/timelines/list/${followed}`))).not.toContain(replyToStranger);

    const page = await owner.client.get(`/api/v1/timelines/list/${listOnly}?limit=2`);
    expect(ids(page)).toEqual(sorted(base).slice(0, 2));
    const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    expect(ids(await owner.client.get(next!.replace(server.url, '')))).toEqual(sorted(base).slice(2, 4));
  });

  it('keeps exclusive lists’ members out of home and forgets members on unfollow', async () => {
    const [a, b] = await Promise.all([createPerson(server), createPerson(server)]);
    const me = await createPerson(server);
    await follow(me, a);
    await follow(me, b);
    const exclusive = (await me.client.post('/api/v1/lists', { title: 'x', exclusive: true })).body.id;
    const inclusive = (await me.client.post('/api/v1/lists', { title: 'y' })).body.id;
    await me.client.post(`/api/v1/lists/${exclusive}/accounts`, { account_ids: [String(a.accountId)] });
    await me.client.post(`/api/v1/lists/${inclusive}/accounts`, { account_ids: [String(b.accountId)] });
    expect(await server.ctx.services.lists.exclusiveMemberIds(me.accountId)).toEqual([a.accountId]);

    // Posts by an exclusive list's members live in that list, not in home.
    const fromA = (await a.client.post('/api/v1/statuses', { status: 'only in my list' })).body.id;
    const fromB = (await b.client.post('/api/v1/statuses', { status: 'in home and my list' })).body.id;
    const home = (await me.client.get('/api/v1/timelines/home')).body.map((s: { id: string }) => s.id);
    expect(home).toContain(fromB);
    expect(home).not.toContain(fromA);
    const list = (await me.client.get(`/api/v1/timelines/list/${exclusive}`)).body.map((s: { id: string }) => s.id);
    expect(list).toContain(fromA);

    await server.ctx.database.transaction((tx) =>
      server.ctx.services.lists.forgetFollow(tx, me.accountId, a.accountId),
    );
    expect(await server.ctx.services.lists.exclusiveMemberIds(me.accountId)).toEqual([]);
  });
});
