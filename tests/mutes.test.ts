import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { isUpdate, WsClient } from './support/ws-client.js';

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

describe.each(DIALECTS)('mutes (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('mutes with options, shows them in the relationship and the mute list, and unmutes', async () => {
    const [me, loud, quiet] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    await me.client.post(`/api/v1/accounts/${loud.accountId}/follow`);
    const muted = await me.client.post(`/api/v1/accounts/${loud.accountId}/mute`);
    expect(muted.status).toBe(200);
    // Muting keeps the follow (unlike a block).
    expect(muted.body).toMatchObject({ muting: true, muting_notifications: true, following: true });
    const partial = await me.client.post(`/api/v1/accounts/${quiet.accountId}/mute`, {
      notifications: false,
      duration: 3600,
    });
    expect(partial.body).toMatchObject({ muting: true, muting_notifications: false });
    const list = await me.client.get('/api/v1/mutes');
    expect(list.body.map((a: { id: string }) => a.id)).toEqual([
      String(quiet.accountId),
      String(loud.accountId),
    ]);
    const expires = Date.parse(list.body[0].mute_expires_at);
    expect(Math.abs(expires - (Date.now() + 3600_000))).toBeLessThan(60_000);
    expect(list.body[1].mute_expires_at).toBeNull();
    // The muted person sees nothing of it.
    expect(
      (await loud.client.get(`/api/v1/accounts/relationships?id[]=${me.accountId}`)).body[0],
    ).toMatchObject({
      muting: false,
      blocked_by: false,
    });
    expect((await me.client.post(`/api/v1/accounts/${loud.accountId}/unmute`)).body.muting).toBe(false);
    expect((await me.client.get('/api/v1/mutes')).body.map((a: { id: string }) => a.id)).toEqual([
      String(quiet.accountId),
    ]);
  });

  it('refuses bad input and missing credentials, writing nothing', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    const bad = await me.client.post(`/api/v1/accounts/${other.accountId}/mute`, { duration: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('duration');
    expect((await me.client.get('/api/v1/mutes')).body).toEqual([]);
    expect((await server.anonymous.post(`/api/v1/accounts/${other.accountId}/mute`)).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read'],
    });
    expect((await server.client(secret).post(`/api/v1/accounts/${other.accountId}/mute`)).status).toBe(403);
    expect((await me.client.post('/api/v1/accounts/999999999/mute')).status).toBe(404);
  });

  it('hides muted people from home, organization and hashtag timelines and streams, not from their profile', async () => {
    const [me, muted, friend] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    await me.client.post(`/api/v1/accounts/${muted.accountId}/follow`);
    await me.client.post(`/api/v1/accounts/${friend.accountId}/follow`);
    await me.client.post(`/api/v1/accounts/${muted.accountId}/mute`);
    const ws = await WsClient.connect(
      `${server.url.replace(/^http/, 'ws')}/api/v1/streaming?access_token=${me.token}&stream=user`,
    );
    try {
      const theirs = await post(muted, 'noise about #mutetopic');
      const original = await post(friend, 'friend post');
      const reshared = await muted.client.post(`/api/v1/statuses/${original}/reblog`);
      const sharedByFriend = await friend.client.post(`/api/v1/statuses/${theirs}/reblog`);
      const marker = await post(friend, 'marker #mutetopic');
      await ws.next(isUpdate(marker));
      const home = ids((await me.client.get('/api/v1/timelines/home')).body);
      expect(home).toContain(original);
      expect(home).not.toContain(theirs);
      expect(home).not.toContain(reshared.body.id);
      expect(home).not.toContain(sharedByFriend.body.id);
      expect(ids((await me.client.get('/api/v1/timelines/public')).body)).not.toContain(theirs);
      expect(ids((await me.client.get('/api/v1/timelines/tag/mutetopic')).body)).toEqual([marker]);
      expect(ids((await me.client.get(`/api/v1/accounts/${muted.accountId}/statuses`)).body)).toContain(
        theirs,
      );
      const streamed = ws.payloads('update').map((s) => s.id);
      expect(streamed).not.toContain(theirs);
      expect(streamed).not.toContain(reshared.body.id);
    } finally {
      ws.close();
    }
  });

  it('hides notifications only when asked, and a mute that expired hides nothing', async () => {
    const [me, hushed, chatty] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    await me.client.post(`/api/v1/accounts/${hushed.accountId}/mute`);
    await me.client.post(`/api/v1/accounts/${chatty.accountId}/mute`, {
      notifications: false,
      duration: 600,
    });
    await post(hushed, `hi @${me.username}`);
    const fromChatty = await post(chatty, `hello @${me.username} #expiry`);
    const notes = (await me.client.get('/api/v1/notifications')).body;
    expect(notes.map((n: { account: { id: string } }) => n.account.id)).toEqual([String(chatty.accountId)]);
    expect(ids((await me.client.get('/api/v1/timelines/tag/expiry')).body)).toEqual([]);

    await server.ctx.database.db
      .updateTable('mutes')
      .set({ expires_at: Date.now() - 1000 })
      .where('account_id', '=', me.accountId)
      .where('target_account_id', '=', chatty.accountId)
      .execute();
    expect(ids((await me.client.get('/api/v1/timelines/tag/expiry')).body)).toEqual([fromChatty]);
    expect((await me.client.get('/api/v1/mutes')).body.map((a: { id: string }) => a.id)).toEqual([
      String(hushed.accountId),
    ]);
    const relationship = (await me.client.get(`/api/v1/accounts/relationships?id[]=${chatty.accountId}`))
      .body[0];
    expect(relationship.muting).toBe(false);
  });
});
