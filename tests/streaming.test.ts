import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEventBus } from '../src/events/bus.js';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, signInWithCookie, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { EventStream, type StreamEvent } from './helpers/event-stream.js';


async function post(
  person: TestPerson,
  status: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await person.client.post('/api/v1/statuses', { status, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

const isUpdate = (e: StreamEvent) => e.event === 'update';

describe.each(DIALECTS)('streaming (%s)', (dialect) => {
  let server: TestServer;
  const streams: EventStream[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server.close();
  });

  async function open(
    path: string,
    person: TestPerson | null,
    headers: Record<string, string> = {},
  ): Promise<EventStream> {
    const auth: Record<string, string> = person ? { authorization: `Bearer ${person.token}` } : {};
    const stream = await EventStream.open(`${server.url}${path}`, { ...auth, ...headers });
    streams.push(stream);
    return stream;
  }

  it('answers the health check with OK', async () => {
    const res = await fetch(`${server.url}/api/v1/streaming/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
  });

  it('streams a followed person’s new post to the user stream, with SSE headers', async () => {
    const [me, friend] = await Promise.all([createPerson(server), createPerson(server)]);
    await me.client.post(`/api/v1/accounts/${friend.accountId}/follow`);
    const stream = await open('/api/v1/streaming/user', me);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toContain('no-cache');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    const id = await post(friend, 'live from the field');
    const update = await stream.next(isUpdate);
    const status = JSON.parse(update.data);
    expect(status.id).toBe(id);
    expect(status.account.id).toBe(String(friend.accountId));
    expect(status.content).toContain('live from the field');
  });

  it('streams a mention as a notification (and the post as an update)', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    const stream = await open('/api/v1/streaming/user', me);
    const id = await post(other, `hey @${me.username}`);
    const notification = JSON.parse((await stream.next((e) => e.event === 'notification')).data);
    expect(notification.type).toBe('mention');
    expect(notification.status.id).toBe(id);
    expect(notification.account.id).toBe(String(other.accountId));
    expect(JSON.parse(stream.events.find(isUpdate)?.data ?? (await stream.next(isUpdate)).data).id).toBe(id);
  });

  it('never sends a post the viewer may not see, even when an event names it', async () => {
    const [me, followed, notFollowed] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    await me.client.post(`/api/v1/accounts/${followed.accountId}/follow`);
    const user = await open('/api/v1/streaming/user', me);
    const pub = await open('/api/v1/streaming/public', me);
    const hidden = await post(notFollowed, 'followers only', { visibility: 'private' });
    const hiddenDirect = await post(notFollowed, `to @${followed.username} only`, { visibility: 'direct' });
    // Even a (mistaken) event naming the hidden posts on the viewer's own topics is checked and dropped.
    for (const statusId of [hidden, hiddenDirect]) {
      server.ctx.events.publish(`home:${me.accountId}`, {
        type: 'status.created',
        statusId: Number(statusId),
        accountId: notFollowed.accountId,
      });
      server.ctx.events.publish('organization', {
        type: 'status.created',
        statusId: Number(statusId),
        accountId: notFollowed.accountId,
      });
    }
    const visible = await post(followed, 'for everyone');
    expect(JSON.parse((await user.next(isUpdate)).data).id).toBe(visible);
    expect(JSON.parse((await pub.next(isUpdate)).data).id).toBe(visible);
    for (const s of [user, pub]) {
      const sent = s.events.filter(isUpdate).map((e) => JSON.parse(e.data).id);
      expect(sent).not.toContain(hidden);
      expect(sent).not.toContain(hiddenDirect);
    }
  });

  it('streams organization posts to the public stream, but no replies to others or reshares', async () => {
    const [me, a, b] = await Promise.all([createPerson(server), createPerson(server), createPerson(server)]);
    const root = await post(a, 'root post');
    const stream = await open('/api/v1/streaming/public', me);
    await post(b, 'a reply to someone', { in_reply_to_id: root });
    await b.client.post(`/api/v1/statuses/${root}/reblog`);
    const own = await post(a, 'my own thread', { in_reply_to_id: root });
    expect(JSON.parse((await stream.next(isUpdate)).data).id).toBe(own);
  });

  it('streams a hashtag’s posts to its stream, case-insensitively', async () => {
    const [me, a] = await Promise.all([createPerson(server), createPerson(server)]);
    const stream = await open('/api/v1/streaming/hashtag?tag=Launch', me);
    await post(a, 'nothing tagged');
    await post(a, 'private #launch', { visibility: 'private' });
    const tagged = await post(a, 'we have lift-off #LAUNCH');
    expect(JSON.parse((await stream.next(isUpdate)).data).id).toBe(tagged);
    expect(stream.events.filter(isUpdate)).toHaveLength(1);
    const bad = await fetch(`${server.url}/api/v1/streaming/hashtag?tag=%20`, {
      headers: { authorization: `Bearer ${me.token}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('tag');
  });

  it('sends delete and status.update events for posts in the viewer’s feed', async () => {
    const [me, friend] = await Promise.all([createPerson(server), createPerson(server)]);
    await me.client.post(`/api/v1/accounts/${friend.accountId}/follow`);
    const id = await post(friend, 'first draft');
    const stream = await open('/api/v1/streaming/user', me);
    expect((await friend.client.put(`/api/v1/statuses/${id}`, { status: 'second draft' })).status).toBe(200);
    const edited = JSON.parse((await stream.next((e) => e.event === 'status.update')).data);
    expect(edited.id).toBe(id);
    expect(edited.content).toContain('second draft');
    expect((await friend.client.delete(`/api/v1/statuses/${id}`)).status).toBe(200);
    expect((await stream.next((e) => e.event === 'delete')).data).toBe(id);
  });

  it('tells only a post’s possible audience that it was edited or deleted', async () => {
    const [stranger, author] = await Promise.all([createPerson(server), createPerson(server)]);
    const hidden = await post(author, 'followers only', { visibility: 'private' });
    const pub = await open('/api/v1/streaming/public', stranger);
    expect(
      (await author.client.put(`/api/v1/statuses/${hidden}`, { status: 'still followers only' })).status,
    ).toBe(200);
    expect((await author.client.delete(`/api/v1/statuses/${hidden}`)).status).toBe(200);
    const open2 = await post(author, 'for everyone');
    expect(JSON.parse((await pub.next(isUpdate)).data).id).toBe(open2);
    expect(pub.events.map((e) => e.event)).toEqual(['update']);
  });

  it('delivers posts of followed fan-in accounts, once', async () => {
    const timelines = server.ctx.services.timelines;
    const threshold = timelines.settings.fanInThreshold;
    timelines.settings.fanInThreshold = 1;
    try {
      const [brand, me, other] = await Promise.all([
        createPerson(server),
        createPerson(server),
        createPerson(server),
      ]);
      await me.client.post(`/api/v1/accounts/${brand.accountId}/follow`);
      await other.client.post(`/api/v1/accounts/${brand.accountId}/follow`);
      await post(brand, 'becoming fan-in');
      const stream = await open('/api/v1/streaming/user', me);
      const mention = await post(brand, `announcement for all, cc @${me.username}`);
      const plain = await post(brand, 'another announcement');
      expect(JSON.parse((await stream.next(isUpdate)).data).id).toBe(mention);
      expect(JSON.parse((await stream.next(isUpdate)).data).id).toBe(plain);
      expect(stream.events.filter(isUpdate)).toHaveLength(2);
    } finally {
      timelines.settings.fanInThreshold = threshold;
    }
  });

  it('tells user streams, and only them, that filters changed', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    const user = await open('/api/v1/streaming/user', me);
    const pub = await open('/api/v1/streaming/public', me);
    server.ctx.events.publish(`user:${me.accountId}`, { type: 'filters.changed', accountId: me.accountId });
    expect((await user.next((e) => e.event === 'filters_changed')).data).toBe('');
    const later = await post(other, 'after the filter change');
    expect(JSON.parse((await pub.next(isUpdate)).data).id).toBe(later);
    expect(pub.events.map((e) => e.event)).toEqual(['update']);
  });

  it('accepts the access_token query parameter and the session cookie', async () => {
    const me = await createPerson(server, { password: 'correct horse battery' });
    const friend = await createPerson(server);
    await me.client.post(`/api/v1/accounts/${friend.accountId}/follow`);
    const byQuery = await open(`/api/v1/streaming/user?access_token=${encodeURIComponent(me.token)}`, null);
    expect(byQuery.response.status).toBe(200);
    const cookie = await signInWithCookie(server, me.username, 'correct horse battery');
    const byCookie = await open('/api/v1/streaming?stream=user', null, { cookie: (cookie as any).cookie });
    expect(byCookie.response.status).toBe(200);
    const id = await post(friend, 'to both streams');
    expect(JSON.parse((await byQuery.next(isUpdate)).data).id).toBe(id);
    expect(JSON.parse((await byCookie.next(isUpdate)).data).id).toBe(id);
  });

  it('refuses streams without credentials or with the wrong scope', async () => {
    for (const path of [
      '/api/v1/streaming/user',
      '/api/v1/streaming/public',
      '/api/v1/streaming/hashtag?tag=x',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(401);
      await res.body?.cancel();
    }
    const bad = await fetch(`${server.url}/api/v1/streaming/user?access_token=nope`);
    expect(bad.status).toBe(401);
    const me = await createPerson(server);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['write:statuses'],
    });
    const res = await fetch(`${server.url}/api/v1/streaming/user`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(403);
    const unknown = await fetch(`${server.url}/api/v1/streaming?stream=firehose`, {
      headers: { authorization: `Bearer ${me.token}` },
    });
    expect(unknown.status).toBe(400);
  });

  it('sends notifications only to credentials allowed to read them', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read:statuses'],
    });
    const stream = await EventStream.open(`${server.url}/api/v1/streaming/user`, {
      authorization: `Bearer ${secret}`,
    });
    streams.push(stream);
    const id = await post(other, `psst @${me.username}`);
    const own = await post(me, 'my own post, after the mention');
    expect(JSON.parse((await stream.next(isUpdate)).data).id).toBe(id);
    // Events are sent in order: once the later post arrived, a notification would have come before it.
    expect(JSON.parse((await stream.next(isUpdate)).data).id).toBe(own);
    expect(stream.events.some((e) => e.event === 'notification')).toBe(false);
    const full = await open('/api/v1/streaming/user', me);
    await post(other, `again @${me.username}`);
    expect(JSON.parse((await full.next((e) => e.event === 'notification')).data).type).toBe('mention');
  });

  it('ends the stream when its session is ended', async () => {
    const me = await createPerson(server, { password: 'first password 123' });
    const streaming = await signInWithCookie(server, me.username, 'first password 123');
    const changing = await signInWithCookie(server, me.username, 'first password 123');
    const stream = await open('/api/v1/streaming/user', null, { cookie: (streaming as any).cookie });
    const byToken = await open('/api/v1/streaming/user', me);
    expect(stream.response.status).toBe(200);
    const res = await changing.post('/api/roost/v1/auth/password', {
      current_password: 'first password 123',
      new_password: 'second password 456',
    });
    expect(res.status).toBe(204);
    await stream.untilEnded();
    // A bearer token survives a password change, and so does its stream.
    expect(byToken.ended).toBe(false);
  });

  it('lets go of its subscriptions when the client goes away', async () => {
    const bus = server.ctx.events;
    if (!(bus instanceof LocalEventBus)) return;
    const me = await createPerson(server);
    const stream = await open('/api/v1/streaming/user', me);
    expect(bus.listenerCount(`home:${me.accountId}`)).toBe(1);
    expect(bus.listenerCount(`notifications:${me.accountId}`)).toBe(1);
    stream.close();
    await stream.untilEnded();
    // The server notices the closed socket a moment later; there is no event to wait for but the count itself.
    const deadline = Date.now() + 5000;
    while (bus.listenerCount(`home:${me.accountId}`) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(bus.listenerCount(`home:${me.accountId}`)).toBe(0);
    expect(bus.listenerCount(`notifications:${me.accountId}`)).toBe(0);
  });
});
