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

async function search(
  person: TestPerson,
  query: string,
): Promise<{ accounts: any[]; statuses: any[]; hashtags: any[] }> {
  const res = await person.client.get(`/api/v2/search?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

function ids(items: { id: string }[]): string[] {
  return items.map((i) => i.id);
}

describe.each(DIALECTS)('search (%s)', (dialect) => {
  let server: TestServer;
  let author: TestPerson;
  let follower: TestPerson;
  let mentioned: TestPerson;
  let stranger: TestPerson;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    author = await createPerson(server, { username: 'marguerite', displayName: 'Marguerite Okafor' });
    follower = await createPerson(server, { username: 'follower1', displayName: 'Daisy Follower' });
    mentioned = await createPerson(server, { username: 'mentioned1', displayName: 'Mentioned Person' });
    stranger = await createPerson(server, { username: 'stranger1', displayName: 'Some Stranger' });
    expect((await follower.client.post(`/api/v1/accounts/${author.accountId}/follow`)).status).toBe(200);
  });
  afterAll(() => server.close());

  it('finds a post by its words right after it was written, newest first', async () => {
    const older = await post(author, 'The quarterly roadmap is ready for review');
    const newer = await post(stranger, 'Roadmaps everywhere: the QUARTERLY kind');
    const found = await search(stranger, 'q=quarterly%20roadmap&type=statuses');
    expect(ids(found.statuses)).toEqual([newer, older]);
    expect(found.accounts).toEqual([]);
    expect(found.hashtags).toEqual([]);
    // Prefixes match, every word must.
    expect(ids((await search(stranger, 'q=quarter&type=statuses')).statuses)).toEqual([newer, older]);
    expect(ids((await search(stranger, 'q=quarterly%20kind&type=statuses')).statuses)).toEqual([newer]);
    // Content warnings are searched too.
    const warned = await post(author, 'the details', { spoiler_text: 'Budgetary spoilers' });
    expect(ids((await search(stranger, 'q=budgetary&type=statuses')).statuses)).toEqual([warned]);
  });

  it('never finds a post the searcher may not see', async () => {
    const secret = await post(author, 'zanzibar followers only', { visibility: 'private' });
    const direct = await post(author, `zanzibar just for @${mentioned.username}`, { visibility: 'direct' });
    const open = await post(author, 'zanzibar for all');
    expect(ids((await search(stranger, 'q=zanzibar&type=statuses')).statuses)).toEqual([open]);
    expect(ids((await search(follower, 'q=zanzibar&type=statuses')).statuses)).toEqual([open, secret]);
    expect(ids((await search(mentioned, 'q=zanzibar&type=statuses')).statuses)).toEqual([open, direct]);
    expect(ids((await search(author, 'q=zanzibar&type=statuses')).statuses)).toEqual([open, direct, secret]);
    // A full page even though hidden matches are newer.
    const hidden = await post(author, 'zanzibar again, hidden', { visibility: 'private' });
    expect(ids((await search(stranger, 'q=zanzibar&type=statuses&limit=1')).statuses)).toEqual([open]);
    expect(ids((await search(follower, 'q=zanzibar&type=statuses&limit=1')).statuses)).toEqual([hidden]);
  });

  it('follows edits and deletions', async () => {
    const id = await post(author, 'original wording about pelicans');
    expect(ids((await search(stranger, 'q=pelicans&type=statuses')).statuses)).toEqual([id]);
    expect(
      (await author.client.put(`/api/v1/statuses/${id}`, { status: 'now about flamingos' })).status,
    ).toBe(200);
    expect((await search(stranger, 'q=pelicans&type=statuses')).statuses).toEqual([]);
    expect(ids((await search(stranger, 'q=flamingos&type=statuses')).statuses)).toEqual([id]);
    expect((await author.client.delete(`/api/v1/statuses/${id}`)).status).toBe(200);
    expect((await search(stranger, 'q=flamingos&type=statuses')).statuses).toEqual([]);
  });

  it('treats query-language characters as plain text', async () => {
    const id = await post(author, 'alpha-beta "gamma" delta*');
    for (const q of [
      '"gamma"',
      'alpha-beta',
      'delta*',
      'gamma)',
      '(gamma',
      'gamma:delta',
      "gamma'",
      '^gamma',
      'gamma & delta',
      'gamma | !delta',
    ]) {
      const res = await stranger.client.get(`/api/v2/search?type=statuses&q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(ids(res.body.statuses), q).toContain(id);
    }
    // Operators are words like any other: these ask for words the post does not have.
    for (const q of ['gamma OR nothing', "gamma' or '1'='1", 'NEAR(gamma delta)']) {
      const res = await stranger.client.get(`/api/v2/search?type=statuses&q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(res.body.statuses, q).toEqual([]);
    }
    const punctuation = await search(stranger, `q=${encodeURIComponent('!!! ***')}&type=statuses`);
    expect(punctuation.statuses).toEqual([]);
  });

  it('finds people by username or display name, case-insensitively', async () => {
    const byPrefix = await search(stranger, 'q=MARG&type=accounts');
    expect(ids(byPrefix.accounts)).toEqual([String(author.accountId)]);
    expect(byPrefix.accounts[0].username).toBe('marguerite');
    expect(ids((await search(stranger, 'q=okafor&type=accounts')).accounts)).toEqual([
      String(author.accountId),
    ]);
    expect(ids((await search(stranger, 'q=%40marguerite&type=accounts')).accounts)).toEqual([
      String(author.accountId),
    ]);
    const several = await search(stranger, 'q=1&type=accounts');
    expect(ids(several.accounts)).toEqual(
      expect.arrayContaining([
        String(follower.accountId),
        String(mentioned.accountId),
        String(stranger.accountId),
      ]),
    );
    // LIKE wildcards in the query are literal.
    expect((await search(stranger, 'q=%25&type=accounts')).accounts).toEqual([]);
    expect((await search(stranger, 'q=_&type=accounts')).accounts).toEqual([]);
  });

  it('finds hashtags by prefix, as Tag entities', async () => {
    await post(author, 'planning #Offsite2025 and #offsite_food');
    const found = await search(stranger, 'q=%23offsite&type=hashtags');
    expect(found.hashtags.map((t: any) => t.name.toLowerCase()).sort()).toEqual([
      'offsite2025',
      'offsite_food',
    ]);
    expect(found.hashtags[0]).toMatchObject({ url: expect.stringContaining('/tags/'), following: false });
    expect(Array.isArray(found.hashtags[0].history)).toBe(true);
    expect((await search(stranger, 'q=nosuchtagatall&type=hashtags')).hashtags).toEqual([]);
  });

  it('searches all three kinds at once, with limit and offset', async () => {
    await post(author, 'kingfisher sighting #kingfisher');
    await post(author, 'another kingfisher');
    const all = await search(stranger, 'q=kingfisher');
    expect(all.statuses).toHaveLength(2);
    expect(all.hashtags.map((t: any) => t.name)).toEqual(['kingfisher']);
    expect(all.accounts).toEqual([]);
    const first = await search(stranger, 'q=kingfisher&type=statuses&limit=1');
    const second = await search(stranger, 'q=kingfisher&type=statuses&limit=1&offset=1');
    expect([...ids(first.statuses), ...ids(second.statuses)]).toEqual(ids(all.statuses));
  });

  it('refuses an empty query or a bad type with 400 naming the field', async () => {
    for (const query of ['', 'q=', 'q=%20%20']) {
      const res = await stranger.client.get(`/api/v2/search?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/^q/);
    }
    const badType = await stranger.client.get('/api/v2/search?q=x&type=people');
    expect(badType.status).toBe(400);
    expect(badType.body.error).toContain('type');
  });

  it('requires sign-in and the read:search scope', async () => {
    expect((await server.anonymous.get('/api/v2/search?q=roadmap')).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(stranger.userId, {
      scopes: ['read:statuses'],
    });
    expect((await server.client(secret).get('/api/v2/search?q=roadmap')).status).toBe(403);
    const { secret: searchOnly } = await server.ctx.services.credentials.createAccessToken(stranger.userId, {
      scopes: ['read:search'],
    });
    expect((await server.client(searchOnly).get('/api/v2/search?q=roadmap')).status).toBe(200);
  });
});
