import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** The URLs of a Link header by rel. */
function links(header: string | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (match) result[match[2]!] = match[1]!;
  }
  return result;
}

describe.each(DIALECTS)('following (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('follows and unfollows, idempotently, keeping both counters right', async () => {
    const fan = await createPerson(server);
    const star = await createPerson(server);
    const res = await fan.client.post(`/api/v1/accounts/${star.accountId}/follow`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: String(star.accountId),
      following: true,
      showing_reblogs: true,
      notifying: false,
      languages: null,
      followed_by: false,
      blocking: false,
      blocked_by: false,
      muting: false,
      muting_notifications: false,
      requested: false,
      requested_by: false,
      domain_blocking: false,
      endorsed: false,
      note: '',
    });
    expect((await fan.client.post(`/api/v1/accounts/${star.accountId}/follow`)).body.following).toBe(true);
    expect((await fan.client.get(`/api/v1/accounts/${star.accountId}`)).body.followers_count).toBe(1);
    expect((await fan.client.get('/api/v1/accounts/verify_credentials')).body.following_count).toBe(1);
    const back = await star.client.get(`/api/v1/accounts/relationships?id[]=${fan.accountId}`);
    expect(back.body).toMatchObject([{ id: String(fan.accountId), following: false, followed_by: true }]);

    const un = await fan.client.post(`/api/v1/accounts/${star.accountId}/unfollow`);
    expect(un.body.following).toBe(false);
    expect((await fan.client.post(`/api/v1/accounts/${star.accountId}/unfollow`)).status).toBe(200);
    expect((await fan.client.get(`/api/v1/accounts/${star.accountId}`)).body.followers_count).toBe(0);
    expect((await fan.client.get('/api/v1/accounts/verify_credentials')).body.following_count).toBe(0);
  });

  it('tells the followed person once, even when followed twice', async () => {
    const fan = await createPerson(server);
    const star = await createPerson(server);
    await fan.client.post(`/api/v1/accounts/${star.accountId}/follow`);
    await fan.client.post(`/api/v1/accounts/${star.accountId}/unfollow`);
    await fan.client.post(`/api/v1/accounts/${star.accountId}/follow`);
    const res = await star.client.get('/api/v1/notifications');
    expect(res.status).toBe(200);
    const follows = res.body.filter((n: { type: string }) => n.type === 'follow');
    expect(follows).toHaveLength(1);
    expect(follows[0].account.id).toBe(String(fan.accountId));
  });

  it('brings the followed person’s recent posts into the home feed, and takes them out on unfollow', async () => {
    const fan = await createPerson(server);
    const author = await createPerson(server);
    const post = await author.client.post('/api/v1/statuses', { status: 'posted before the follow' });
    expect(post.status).toBe(200);
    const homeIds = async () =>
      (await fan.client.get('/api/v1/timelines/home')).body.map((s: { id: string }) => s.id);
    expect(await homeIds()).not.toContain(post.body.id);
    await fan.client.post(`/api/v1/accounts/${author.accountId}/follow`);
    expect(await homeIds()).toContain(post.body.id);
    await fan.client.post(`/api/v1/accounts/${author.accountId}/unfollow`);
    expect(await homeIds()).not.toContain(post.body.id);
  });

  it('withdraws the follow notification on unfollow', async () => {
    const fan = await createPerson(server);
    const star = await createPerson(server);
    await fan.client.post(`/api/v1/accounts/${star.accountId}/follow`);
    const types = async () =>
      (await star.client.get('/api/v1/notifications')).body.map((n: { type: string }) => n.type);
    expect(await types()).toEqual(['follow']);
    await fan.client.post(`/api/v1/accounts/${star.accountId}/unfollow`);
    expect(await types()).toEqual([]);
  });

  it('answers relationships for several ids in the order asked, leaving out unknown ones', async () => {
    const me = await createPerson(server);
    const a = await createPerson(server);
    const b = await createPerson(server);
    await me.client.post(`/api/v1/accounts/${b.accountId}/follow`);
    await a.client.post(`/api/v1/accounts/${me.accountId}/follow`);
    const res = await me.client.get(
      `/api/v1/accounts/relationships?id[]=${b.accountId}&id[]=${a.accountId}&id[]=99999999&id[]=junk`,
    );
    expect(res.status).toBe(200);
    expect(
      res.body.map((r: { id: string; following: boolean; followed_by: boolean }) => [
        r.id,
        r.following,
        r.followed_by,
      ]),
    ).toEqual([
      [String(b.accountId), true, false],
      [String(a.accountId), false, true],
    ]);
    const plain = await me.client.get(`/api/v1/accounts/relationships?id=${a.accountId}`);
    expect(plain.body).toHaveLength(1);
  });

  it('refuses following yourself (422) and unknown accounts (404)', async () => {
    const me = await createPerson(server);
    const self = await me.client.post(`/api/v1/accounts/${me.accountId}/follow`);
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('unprocessable');
    expect((await me.client.post('/api/v1/accounts/99999999/follow')).status).toBe(404);
    expect((await me.client.get('/api/v1/accounts/verify_credentials')).body.following_count).toBe(0);
  });

  it('needs a signed-in person with the follow scopes', async () => {
    const me = await createPerson(server);
    const other = await createPerson(server);
    expect((await server.anonymous.post(`/api/v1/accounts/${other.accountId}/follow`)).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read'],
    });
    const readOnly = server.client(secret);
    expect((await readOnly.post(`/api/v1/accounts/${other.accountId}/follow`)).status).toBe(403);
    expect((await readOnly.get(`/api/v1/accounts/relationships?id[]=${other.accountId}`)).status).toBe(200);
    const { secret: legacy } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['follow'],
    });
    expect((await server.client(legacy).post(`/api/v1/accounts/${other.accountId}/follow`)).status).toBe(200);
  });

  it('pages followers and following newest first with Link headers', async () => {
    const star = await createPerson(server);
    const fans = [];
    for (let i = 0; i < 5; i++) {
      const fan = await createPerson(server);
      await fan.client.post(`/api/v1/accounts/${star.accountId}/follow`);
      fans.push(fan);
    }
    const newestFirst = fans.map((f) => String(f.accountId)).reverse();
    const seen: string[] = [];
    let path = `/api/v1/accounts/${star.accountId}/followers?limit=2`;
    for (let guard = 0; guard < 5; guard++) {
      const res = await star.client.get(path);
      expect(res.status).toBe(200);
      if (res.body.length === 0) break;
      seen.push(...res.body.map((a: { id: string }) => a.id));
      const next = links(res.headers.get('link')).next;
      expect(next).toBeDefined();
      path = next!.slice(server.url.length);
    }
    expect(seen).toEqual(newestFirst);

    const first = await star.client.get(`/api/v1/accounts/${star.accountId}/followers?limit=2`);
    const prev = links(first.headers.get('link')).prev!;
    expect((await star.client.get(prev.slice(server.url.length))).body).toEqual([]);

    const following = await fans[0]!.client.get(`/api/v1/accounts/${fans[0]!.accountId}/following`);
    expect(following.body.map((a: { id: string }) => a.id)).toEqual([String(star.accountId)]);
    expect((await star.client.get('/api/v1/accounts/99999999/followers')).status).toBe(404);
  });

  it('leaves suspended people out of follower lists', async () => {
    const star = await createPerson(server);
    const fan = await createPerson(server);
    await fan.client.post(`/api/v1/accounts/${star.accountId}/follow`);
    await server.ctx.services.accounts.adminUpdate(fan.accountId, { suspended: true });
    expect((await star.client.get(`/api/v1/accounts/${star.accountId}/followers`)).body).toEqual([]);
    expect((await star.client.post(`/api/v1/accounts/${fan.accountId}/follow`)).status).toBe(404);
  });
});
