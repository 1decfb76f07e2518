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

async function notificationsOf(person: TestPerson, query = ''): Promise<any[]> {
  const res = await person.client.get(`/api/v1/notifications${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe.each(DIALECTS)('notifications (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('tells people about mentions, replies, likes, reshares, follows and edits, in Mastodon’s shape', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    const mine = await post(me, 'something of mine');
    expect((await other.client.post(`/api/v1/accounts/${me.accountId}/follow`)).status).toBe(200);
    const mention = await post(other, `hello @${me.username}`);
    const reply = await post(other, 'a reply', { in_reply_to_id: mine });
    expect((await other.client.post(`/api/v1/statuses/${mine}/favourite`)).status).toBe(200);
    const reshare = await other.client.post(`/api/v1/statuses/${mine}/reblog`);
    expect(reshare.status).toBe(200);

    const list = await notificationsOf(me);
    expect(list.map((n) => n.type)).toEqual(['reblog', 'favourite', 'mention', 'mention', 'follow']);
    expect(list.map((n) => n.roost.type)).toEqual(['reblog', 'favourite', 'reply', 'mention', 'follow']);
    const [reblogN, favN, replyN, mentionN, followN] = list;
    expect(reblogN.status.id).toBe(mine);
    expect(favN.status.id).toBe(mine);
    expect(replyN.status.id).toBe(reply);
    expect(mentionN.status.id).toBe(mention);
    expect(followN).not.toHaveProperty('status');
    for (const n of list) {
      expect(n.account.id).toBe(String(other.accountId));
      expect(typeof n.id).toBe('string');
      expect(new Date(n.created_at).toISOString()).toBe(n.created_at);
    }
    // The person acting is never notified of their own doing.
    expect(await notificationsOf(other)).toEqual([]);

    // Editing a reshared post tells the resharer.
    expect((await me.client.put(`/api/v1/statuses/${mine}`, { status: 'edited' })).status).toBe(200);
    const update = await notificationsOf(other, '?types[]=update');
    expect(update).toHaveLength(1);
    expect(update[0].status.id).toBe(mine);
  });

  it('filters by types[] and exclude_types[] and by account_id', async () => {
    const [me, a, b] = await Promise.all([createPerson(server), createPerson(server), createPerson(server)]);
    await a.client.post(`/api/v1/accounts/${me.accountId}/follow`);
    await post(b, `hi @${me.username}`);
    const mine = await post(me, 'likeable');
    await a.client.post(`/api/v1/statuses/${mine}/favourite`);
    const types = async (query: string) => (await notificationsOf(me, query)).map((n) => n.type);
    expect(await types('?types[]=mention')).toEqual(['mention']);
    expect(await types('?types[]=follow&types[]=favourite')).toEqual(['favourite', 'follow']);
    expect(await types('?exclude_types[]=follow&exclude_types[]=mention')).toEqual(['favourite']);
    expect(await types('?types[]=poll')).toEqual([]);
    expect(await types(`?account_id=${b.accountId}`)).toEqual(['mention']);
  });

  it('notifies once per like even when liked, unliked and liked again', async () => {
    const [me, fan] = await Promise.all([createPerson(server), createPerson(server)]);
    const mine = await post(me, 'so likeable');
    await fan.client.post(`/api/v1/statuses/${mine}/favourite`);
    await fan.client.post(`/api/v1/statuses/${mine}/unfavourite`);
    await fan.client.post(`/api/v1/statuses/${mine}/favourite`);
    await fan.client.post(`/api/v1/statuses/${mine}/favourite`);
    // Straight through the service too: the database refuses the duplicate.
    const { notifications } = server.ctx.services;
    await server.ctx.database.transaction(async (tx) => {
      await notifications.create(tx, {
        accountId: me.accountId,
        fromAccountId: fan.accountId,
        type: 'favourite',
        statusId: Number(mine),
      });
      await notifications.create(tx, {
        accountId: me.accountId,
        fromAccountId: fan.accountId,
        type: 'follow',
        statusId: null,
      });
      await notifications.create(tx, {
        accountId: me.accountId,
        fromAccountId: fan.accountId,
        type: 'follow',
        statusId: null,
      });
    });
    expect((await notificationsOf(me)).map((n) => n.type)).toEqual(['follow', 'favourite']);
  });

  it('leaves out notifications about posts deleted since', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    const mention = await post(other, `look @${me.username}`);
    expect(await notificationsOf(me)).toHaveLength(1);
    expect((await other.client.delete(`/api/v1/statuses/${mention}`)).status).toBe(200);
    expect(await notificationsOf(me)).toEqual([]);
  });

  it('shows one notification to its owner only, dismisses and clears', async () => {
    const [me, other, nosy] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    await post(other, `one @${me.username}`);
    await post(other, `two @${me.username}`);
    const [second, first] = await notificationsOf(me);
    const one = await me.client.get(`/api/v1/notifications/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.body.status.id).toBe(first.status.id);
    expect((await nosy.client.get(`/api/v1/notifications/${first.id}`)).status).toBe(404);
    expect((await nosy.client.post(`/api/v1/notifications/${first.id}/dismiss`)).status).toBe(404);
    expect((await me.client.get('/api/v1/notifications/not-an-id')).status).toBe(404);

    expect((await me.client.post(`/api/v1/notifications/${first.id}/dismiss`)).status).toBe(200);
    expect((await notificationsOf(me)).map((n) => n.id)).toEqual([second.id]);
    expect((await me.client.get(`/api/v1/notifications/${first.id}`)).status).toBe(404);

    await post(other, `three @${me.username}`);
    expect((await me.client.post('/api/v1/notifications/clear')).status).toBe(200);
    expect(await notificationsOf(me)).toEqual([]);
  });

  it('pages with cursors and Link headers', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    for (let i = 0; i < 5; i += 1) await post(other, `ping ${i} @${me.username}`);
    const all = (await notificationsOf(me)).map((n) => n.id);
    expect(all).toHaveLength(5);
    const first = await me.client.get('/api/v1/notifications?limit=2');
    expect(first.body.map((n: any) => n.id)).toEqual(all.slice(0, 2));
    const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toContain(`max_id=${all[1]}`);
    const second = await me.client.get(new URL(next!).pathname + new URL(next!).search);
    expect(second.body.map((n: any) => n.id)).toEqual(all.slice(2, 4));
    const newer = await me.client.get(`/api/v1/notifications?min_id=${all[4]}&limit=2`);
    expect(newer.body.map((n: any) => n.id)).toEqual(all.slice(2, 4));
  });

  it('counts unread notifications against the notifications marker', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    for (let i = 0; i < 3; i += 1) await post(other, `unread ${i} @${me.username}`);
    expect((await me.client.get('/api/v1/notifications/unread_count')).body).toEqual({ count: 3 });
    const list = await notificationsOf(me);
    const saved = await me.client.post('/api/v1/markers', { notifications: { last_read_id: list[1].id } });
    expect(saved.status).toBe(200);
    expect(saved.body.notifications.last_read_id).toBe(list[1].id);
    expect((await me.client.get('/api/v1/notifications/unread_count')).body).toEqual({ count: 1 });
    expect((await me.client.get('/api/v1/notifications/unread_count?types[]=follow')).body).toEqual({
      count: 0,
    });
    await me.client.post('/api/v1/markers', { notifications: { last_read_id: list[0].id } });
    expect((await me.client.get('/api/v1/notifications/unread_count')).body).toEqual({ count: 0 });
    await post(other, `new one @${me.username}`);
    expect((await me.client.get('/api/v1/notifications/unread_count')).body).toEqual({ count: 1 });
  });

  describe('markers', () => {
    it('saves positions from JSON and forms, bumping the version each time', async () => {
      const me = await createPerson(server);
      expect((await me.client.get('/api/v1/markers?timeline[]=home&timeline[]=notifications')).body).toEqual(
        {},
      );
      const first = await me.client.post('/api/v1/markers', { home: { last_read_id: '1000' } });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        home: { last_read_id: '1000', version: 0, updated_at: expect.any(String) },
      });
      const formResponse = await fetch(`${server.url}/api/v1/markers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'home[last_read_id]=2000&notifications[last_read_id]=30',
      });
      expect(formResponse.status).toBe(200);
      const form = (await formResponse.json()) as any;
      expect(form.home).toMatchObject({ last_read_id: '2000', version: 1 });
      expect(form.notifications).toMatchObject({ last_read_id: '30', version: 0 });
      const both = await me.client.get('/api/v1/markers?timeline[]=home&timeline[]=notifications');
      expect(both.body.home.last_read_id).toBe('2000');
      expect(both.body.notifications.last_read_id).toBe('30');
      const one = await me.client.get('/api/v1/markers?timeline[]=notifications');
      expect(Object.keys(one.body)).toEqual(['notifications']);
      // Somebody else's markers are their own.
      const other = await createPerson(server);
      expect((await other.client.get('/api/v1/markers?timeline[]=home')).body).toEqual({});
    });

    it('refuses a bad position with 400 naming the field, saving nothing', async () => {
      const me = await createPerson(server);
      const bad = await me.client.post('/api/v1/markers', { notifications: { last_read_id: 'abc' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain('notifications.last_read_id');
      const none = await me.client.post('/api/v1/markers', {});
      expect(none.status).toBe(400);
      expect((await me.client.get('/api/v1/markers?timeline[]=notifications')).body).toEqual({});
    });
  });

  it('requires sign-in and the notification scopes', async () => {
    expect((await server.anonymous.get('/api/v1/notifications')).status).toBe(401);
    expect((await server.anonymous.get('/api/v1/notifications/unread_count')).status).toBe(401);
    expect((await server.anonymous.post('/api/v1/notifications/clear')).status).toBe(401);
    expect((await server.anonymous.get('/api/v1/markers')).status).toBe(401);
    const me = await createPerson(server);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read:notifications'],
    });
    const reader = server.client(secret);
    expect((await reader.get('/api/v1/notifications')).status).toBe(200);
    expect((await reader.post('/api/v1/notifications/clear')).status).toBe(403);
    const { secret: other } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read:statuses'],
    });
    expect((await server.client(other).get('/api/v1/notifications')).status).toBe(403);
  });
});
