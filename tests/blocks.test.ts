import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { isUpdate, untilSubscribed, WsClient } from './support/ws-client.js';

async function post(
  person: TestPerson,
  status: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await person.client.post('/api/v1/statuses', { status, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

const ids = (body: Array<{ id: string }>) => body.map((s) => s.id);

describe.each(DIALECTS)('blocks (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('blocks and unblocks, ending follows both ways, with the relationship on both sides', async () => {
    const [me, them] = await Promise.all([createPerson(server), createPerson(server)]);
    await me.client.post(`/api/v1/accounts/${them.accountId}/follow`);
    await them.client.post(`/api/v1/accounts/${me.accountId}/follow`);
    const blocked = await me.client.post(`/api/v1/accounts/${them.accountId}/block`);
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({
      id: String(them.accountId),
      blocking: true,
      following: false,
      followed_by: false,
    });
    const theirs = await them.client.get(`/api/v1/accounts/relationships?id[]=${me.accountId}`);
    expect(theirs.body[0]).toMatchObject({ blocked_by: true, blocking: false, following: false });
    const counts = await me.client.get(`/api/v1/accounts/${me.accountId}`);
    expect(counts.body).toMatchObject({ followers_count: 0, following_count: 0 });
    // Blocking twice changes nothing; following across a block is refused.
    expect((await me.client.post(`/api/v1/accounts/${them.accountId}/block`)).body.blocking).toBe(true);
    expect((await them.client.post(`/api/v1/accounts/${me.accountId}/follow`)).status).toBe(403);
    expect((await me.client.post(`/api/v1/accounts/${them.accountId}/follow`)).status).toBe(403);

    const list = await me.client.get('/api/v1/blocks');
    expect(list.body.map((a: { id: string }) => a.id)).toEqual([String(them.accountId)]);
    const unblocked = await me.client.post(`/api/v1/accounts/${them.accountId}/unblock`);
    expect(unblocked.body.blocking).toBe(false);
    expect((await me.client.get('/api/v1/blocks')).body).toEqual([]);
    expect((await them.client.post(`/api/v1/accounts/${me.accountId}/follow`)).body.following).toBe(true);
  });

  it('pages the block list with a Link header', async () => {
    const me = await createPerson(server);
    const others = await Promise.all([1, 2, 3].map(() => createPerson(server)));
    for (const other of others) await me.client.post(`/api/v1/accounts/${other.accountId}/block`);
    const first = await me.client.get('/api/v1/blocks?limit=2');
    expect(first.body.map((a: { id: string }) => a.id)).toEqual(
      [others[2]!.accountId, others[1]!.accountId].map(String),
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!;
    const second = await me.client.get(new URL(next).pathname + new URL(next).search);
    expect(second.body.map((a: { id: string }) => a.id)).toEqual([String(others[0]!.accountId)]);
  });

  it('answers 401 without credentials, 403 without the scope, 404 for unknown people, 422 for oneself', async () => {
    const me = await createPerson(server);
    const other = await createPerson(server);
    expect((await server.anonymous.post(`/api/v1/accounts/${other.accountId}/block`)).status).toBe(401);
    expect((await server.anonymous.get('/api/v1/blocks')).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read'],
    });
    expect((await server.client(secret).post(`/api/v1/accounts/${other.accountId}/block`)).status).toBe(403);
    expect((await me.client.post('/api/v1/accounts/999999999/block')).status).toBe(404);
    const self = await me.client.post(`/api/v1/accounts/${me.accountId}/block`);
    expect(self.status).toBe(422);
    expect(self.body.details.field).toBe('id');
    expect((await me.client.get('/api/v1/blocks')).body).toEqual([]);
  });

  it('hides a blocked person’s posts from every timeline, search and streams — both ways', async () => {
    const [me, blocked, bystander] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    await me.client.post('/api/v1/tags/blockedtopic/follow');
    await me.client.post(`/api/v1/accounts/${bystander.accountId}/follow`);
    const before = await post(blocked, 'old news about #blockedtopic zanzibar');
    const ws = await WsClient.connect(
      `${server.url.replace(/^http/, 'ws')}/api/v1/streaming?access_token=${me.token}`,
    );
    try {
      ws.send({ type: 'subscribe', stream: 'public' });
      await untilSubscribed(ws, () => post(me, 'probe'));
      await me.client.post(`/api/v1/accounts/${blocked.accountId}/block`);
      const after = await post(blocked, 'new about #blockedtopic zanzibar');
      const reshare = await blocked.client.post(
        `/api/v1/statuses/${await post(bystander, 'bystander post')}/reblog`,
      );
      expect(reshare.status).toBe(200);
      const marker = await post(bystander, 'marker zanzibar');
      await ws.next(isUpdate(marker));

      const home = await me.client.get('/api/v1/timelines/home');
      expect(ids(home.body)).not.toContain(before);
      expect(ids(home.body)).not.toContain(after);
      const org = await me.client.get('/api/v1/timelines/public');
      expect(ids(org.body)).toContain(marker);
      expect(ids(org.body)).not.toContain(before);
      expect(ids(org.body)).not.toContain(after);
      expect((await me.client.get('/api/v1/timelines/tag/blockedtopic')).body).toEqual([]);
      expect((await me.client.get(`/api/v1/accounts/${blocked.accountId}/statuses`)).body).toEqual([]);
      const search = await me.client.get('/api/v2/search?q=zanzibar&type=statuses');
      expect(ids(search.body.statuses)).toEqual([marker]);
      expect(ws.payloads('update').map((s) => s.id)).not.toContain(after);

      // The blocked person sees none of the blocker's posts either, and cannot fetch them.
      const mine = await post(me, 'mine zanzibar');
      expect(ids((await blocked.client.get('/api/v1/timelines/public')).body)).not.toContain(mine);
      expect((await blocked.client.get(`/api/v1/accounts/${me.accountId}/statuses`)).body).toEqual([]);
      expect((await blocked.client.get(`/api/v1/statuses/${mine}`)).status).toBe(404);
    } finally {
      ws.close();
    }
  });

  it('keeps a blocked person from replying to, liking or mentioning the blocker with a notification', async () => {
    const [me, blocked] = await Promise.all([createPerson(server), createPerson(server)]);
    const mine = await post(me, 'a post of mine');
    await blocked.client.post(`/api/v1/statuses/${mine}/favourite`);
    expect((await me.client.get('/api/v1/notifications')).body.map((n: { type: string }) => n.type)).toEqual([
      'favourite',
    ]);
    await me.client.post(`/api/v1/accounts/${blocked.accountId}/block`);
    // Notifications from before the block are hidden too.
    expect((await me.client.get('/api/v1/notifications')).body).toEqual([]);
    expect(
      (await blocked.client.post('/api/v1/statuses', { status: 'reply', in_reply_to_id: mine })).status,
    ).toBe(404);
    expect((await blocked.client.post(`/api/v1/statuses/${mine}/favourite`)).status).toBe(404);
    await post(blocked, `hey @${me.username}`);
    expect((await me.client.get('/api/v1/notifications')).body).toEqual([]);
    // Nothing was stored to come back after an unblock either.
    await me.client.post(`/api/v1/accounts/${blocked.accountId}/unblock`);
    expect((await me.client.get('/api/v1/notifications')).body.map((n: { type: string }) => n.type)).toEqual([
      'favourite',
    ]);
  });
});
