/**
 * Posts held by screening and the moderation queue, through the real API: a held post reaches
 * nobody but its author on any read path (fetch, home, organization, hashtag, profile, search,
 * notifications, live streams) until a moderator releases it, when it arrives everywhere as a new
 * post would; or a moderator removes it and only the author sees that, and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const IBAN = 'DE89 3704 0044 0532 0130 00';

interface SseEvent {
  event: string;
  data: string;
}

/** A server-sent-events reader: `until` waits for the first event matching a test and returns all seen before it. */
class Sse {
  private readonly events: SseEvent[] = [];
  private wake: (() => void) | null = null;
  private constructor(private readonly controller: AbortController) {}

  static async open(url: string, token: string): Promise<Sse> {
    const controller = new AbortController();
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const sse = new Sse(controller);
    void sse.pump(response);
    return sse;
  }

  async until(match: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex(match);
      if (index >= 0) return this.events.splice(0, index + 1);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.controller.abort();
  }

  private async pump(response: Response): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) this.events.push({ event, data });
        }
        this.wake?.();
      }
    } catch {
      // Aborted by close().
    }
  }
}

function ids(body: { id: string }[]): string[] {
  return body.map((s) => s.id);
}

const updateOf = (id: string) => (e: SseEvent) => e.event === 'update' && JSON.parse(e.data).id === id;

describe.each(DIALECTS)('moderation of held posts (%s)', (dialect) => {
  let server: TestServer;
  let author: TestPerson;
  let follower: TestPerson;
  let named: TestPerson;
  let moderator: TestPerson;
  let admin: TestPerson;
  let member: TestPerson;

  async function statusesCount(person: TestPerson): Promise<number> {
    return (await person.client.get(`/api/v1/accounts/${person.accountId}`)).body.statuses_count;
  }

  async function notificationsOf(person: TestPerson): Promise<any[]> {
    const res = await person.client.get('/api/v1/notifications');
    expect(res.status).toBe(200);
    return res.body;
  }

  /** Everything a person other than the author could see the post through. */
  async function seenBy(person: TestPerson, id: string, word: string): Promise<string[]> {
    const places: string[] = [];
    if ((await person.client.get(`/api/v1/statuses/${id}`)).status === 200) places.push('fetch');
    if ((await person.client.get(`/api/v1/statuses/${id}/context`)).status === 200) places.push('context');
    if (ids((await person.client.get('/api/v1/timelines/home')).body).includes(id)) places.push('home');
    if (ids((await person.client.get('/api/v1/timelines/public')).body).includes(id))
      places.push('organization');
    if (ids((await person.client.get('/api/v1/timelines/tag/payroll')).body).includes(id))
      places.push('hashtag');
    if (ids((await person.client.get(`/api/v1/accounts/${author.accountId}/statuses`)).body).includes(id))
      places.push('profile');
    if (ids((await person.client.get(`/api/v2/search?q=${word}&type=statuses`)).body.statuses).includes(id))
      places.push('search');
    if ((await notificationsOf(person)).some((n) => n.status?.id === id)) places.push('notifications');
    return places;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    author = await createPerson(server, { username: 'heldauthor' });
    follower = await createPerson(server, { username: 'heldfollower' });
    named = await createPerson(server, { username: 'heldnamed' });
    moderator = await createPerson(server, { username: 'themoderator', role: 'moderator' });
    admin = await createPerson(server, { username: 'theadmin', role: 'admin' });
    member = await createPerson(server, { username: 'justamember' });
    expect((await follower.client.post(`/api/v1/accounts/${author.accountId}/follow`)).status).toBe(200);
  });
  afterAll(() => server.close());

  it('holds a post needing review: only its author sees it, on no other read path or stream', async () => {
    const followerStream = await Sse.open(`${server.url}/api/v1/streaming/user`, follower.token);
    const publicStream = await Sse.open(`${server.url}/api/v1/streaming/public`, member.token);
    const tagStream = await Sse.open(`${server.url}/api/v1/streaming/hashtag?tag=payroll`, member.token);
    const namedStream = await Sse.open(`${server.url}/api/v1/streaming/user`, named.token);
    try {
      const countBefore = await statusesCount(author);
      const res = await author.client.post('/api/v1/statuses', {
        status: `@heldnamed refunds go to ${IBAN} zephyrword #payroll`,
      });
      expect(res.status).toBe(200);
      const id = res.body.id;
      expect(res.body.roost.moderation).toMatchObject({
        state: 'held',
        action: 'review',
        policy_version: 0,
        decision: null,
        findings: [expect.objectContaining({ rule: 'personal.iban', field: 'status', excerpt: IBAN })],
      });

      // A later, ordinary post arrives on every stream; the held one must not have come before it.
      const marker = await author.client.post('/api/v1/statuses', { status: '@heldnamed marker #payroll' });
      for (const stream of [followerStream, publicStream, tagStream]) {
        const seen = await stream.until(updateOf(marker.body.id));
        expect(seen.filter(updateOf(id))).toEqual([]);
      }
      const namedSeen = await namedStream.until(
        (e) => e.event === 'notification' && JSON.parse(e.data).status?.id === marker.body.id,
      );
      expect(namedSeen.some((e) => e.data.includes(id))).toBe(false);

      for (const person of [follower, named, member, moderator, admin]) {
        expect(await seenBy(person, id, 'zephyrword')).toEqual([]);
      }
      expect((await follower.client.get(`/api/v1/statuses/${id}`)).body.code).toBe('not_found');
      // The author sees it on their profile and by itself, with the findings.
      const own = await author.client.get(`/api/v1/statuses/${id}`);
      expect(own.body.roost.moderation.state).toBe('held');
      expect(ids((await author.client.get(`/api/v1/accounts/${author.accountId}/statuses`)).body)).toContain(
        id,
      );
      expect(
        ids((await author.client.get('/api/v2/search?q=zephyrword&type=statuses')).body.statuses),
      ).toEqual([id]);
      // Nobody was told, nothing was counted.
      expect((await notificationsOf(named)).map((n) => n.status?.id)).not.toContain(id);
      expect(await statusesCount(author)).toBe(countBefore + 1); // the marker only
      const tag = await member.client.get('/api/v1/tags/payroll');
      expect(tag.body.history[0].uses).toBe('1');
      // And it cannot be reshared into others' feeds.
      expect((await author.client.post(`/api/v1/statuses/${id}/reblog`)).status).toBe(422);
    } finally {
      for (const stream of [followerStream, publicStream, tagStream, namedStream]) stream.close();
    }
  });

  it('shows moderators the queue, oldest first, with findings and author; 403 for everyone else', async () => {
    const second = await author.client.post('/api/v1/statuses', { status: `Second: ${IBAN}` });
    expect(second.body.roost.moderation.state).toBe('held');
    const res = await moderator.client.get('/api/roost/v1/moderation/queue');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const [first, next] = res.body;
    expect(BigInt(first.id)).toBeLessThan(BigInt(next.id));
    expect(next.id).toBe(second.body.id);
    expect(first.account.username).toBe('heldauthor');
    expect(first.content).toContain('zephyrword');
    expect(first.roost.moderation.findings[0]).toMatchObject({
      rule: 'personal.iban',
      excerpt: IBAN,
      message: expect.any(String),
    });

    const paged = await moderator.client.get('/api/roost/v1/moderation/queue?limit=1');
    expect(ids(paged.body)).toEqual([first.id]);
    const link = paged.headers.get('link')!;
    const nextUrl = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const page2 = await moderator.client.get(new URL(nextUrl).pathname + new URL(nextUrl).search);
    expect(ids(page2.body)).toEqual([second.body.id]);

    expect(ids((await admin.client.get('/api/roost/v1/moderation/queue')).body)).toEqual([
      first.id,
      second.body.id,
    ]);
    expect((await server.anonymous.get('/api/roost/v1/moderation/queue')).status).toBe(401);
    const forbidden = await member.client.get('/api/roost/v1/moderation/queue');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');
    expect((await author.client.get('/api/roost/v1/moderation/queue')).status).toBe(403);
    // A moderator's token without admin scopes cannot work the queue.
    const { secret } = await server.ctx.services.credentials.createAccessToken(moderator.userId, {
      scopes: ['read', 'write'],
      name: 'plain',
    });
    expect((await server.client(secret).get('/api/roost/v1/moderation/queue')).status).toBe(403);
  });

  it('releases a held post: it then reaches feeds, streams and notifications as a new post would', async () => {
    const [held] = (await moderator.client.get('/api/roost/v1/moderation/queue')).body;
    const id: string = held.id;
    const countBefore = await statusesCount(author);
    expect((await member.client.post(`/api/roost/v1/moderation/statuses/${id}/release`)).status).toBe(403);
    expect((await member.client.post('/api/roost/v1/moderation/statuses/999999/release')).status).toBe(403);
    expect((await moderator.client.post('/api/roost/v1/moderation/statuses/999999/release')).status).toBe(
      404,
    );

    const followerStream = await Sse.open(`${server.url}/api/v1/streaming/user`, follower.token);
    const publicStream = await Sse.open(`${server.url}/api/v1/streaming/public`, member.token);
    try {
      const released = await moderator.client.post(`/api/roost/v1/moderation/statuses/${id}/release`, {
        reason: 'Company account, fine',
      });
      expect(released.status).toBe(200);
      expect(released.body.roost.moderation).toBeUndefined();
      await followerStream.until(updateOf(id));
      await publicStream.until(updateOf(id));
    } finally {
      followerStream.close();
      publicStream.close();
    }

    expect(await seenBy(follower, id, 'zephyrword')).toEqual([
      'fetch',
      'context',
      'home',
      'organization',
      'hashtag',
      'profile',
      'search',
    ]);
    expect(await seenBy(named, id, 'zephyrword')).toEqual([
      'fetch',
      'context',
      'home',
      'organization',
      'hashtag',
      'profile',
      'search',
      'notifications',
    ]);
    const mention = (await notificationsOf(named)).find((n) => n.status?.id === id);
    expect(mention.type).toBe('mention');
    expect(await statusesCount(author)).toBe(countBefore + 1);
    expect((await member.client.get('/api/v1/tags/payroll')).body.history[0].uses).toBe('2');

    const told = (await notificationsOf(author)).find((n) => n.roost?.type === 'moderation');
    expect(told).toMatchObject({
      type: 'moderation_warning',
      account: { username: 'themoderator' },
      status: { id },
    });
    const decision = await server.ctx.database.db
      .selectFrom('moderation_decisions')
      .selectAll()
      .where('status_id', '=', Number(id))
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({
      decision: 'release',
      reason: 'Company account, fine',
      moderator_user_id: moderator.userId,
      moderator_account_id: moderator.accountId,
    });

    expect(ids((await moderator.client.get('/api/roost/v1/moderation/queue')).body)).not.toContain(id);
    const again = await moderator.client.post(`/api/roost/v1/moderation/statuses/${id}/release`);
    expect(again.status).toBe(409);
  });

  it('removes a held post with a reason: hidden from all but its author, who sees why', async () => {
    const [held] = (await moderator.client.get('/api/roost/v1/moderation/queue')).body;
    const id: string = held.id;
    const noReason = await moderator.client.post(`/api/roost/v1/moderation/statuses/${id}/remove`, {
      reason: '  ',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.field).toBe('reason');
    expect(
      (await moderator.client.post(`/api/roost/v1/moderation/statuses/${id}/remove`, {})).body.details.field,
    ).toBe('reason');
    expect(
      (await member.client.post(`/api/roost/v1/moderation/statuses/${id}/remove`, { reason: 'no' })).status,
    ).toBe(403);

    const removed = await admin.client.post(`/api/roost/v1/moderation/statuses/${id}/remove`, {
      reason: 'Bank details do not belong here',
    });
    expect(removed.status).toBe(200);
    expect(removed.body.roost.moderation).toMatchObject({
      state: 'removed',
      decision: { decision: 'remove', reason: 'Bank details do not belong here' },
    });

    const own = await author.client.get(`/api/v1/statuses/${id}`);
    expect(own.body.roost.moderation).toMatchObject({
      state: 'removed',
      decision: { reason: 'Bank details do not belong here' },
    });
    for (const person of [follower, member, moderator])
      expect((await person.client.get(`/api/v1/statuses/${id}`)).status).toBe(404);
    expect(ids((await moderator.client.get('/api/roost/v1/moderation/queue')).body)).not.toContain(id);
    const told = (await notificationsOf(author))
      .filter((n) => n.roost?.type === 'moderation')
      .map((n) => n.status.id);
    expect(told).toContain(id);
    expect((await author.client.put(`/api/v1/statuses/${id}`, { status: 'let me fix it' })).status).toBe(422);
    expect((await admin.client.post(`/api/roost/v1/moderation/statuses/${id}/release`)).status).toBe(409);
  });

  it('holds an edited post again, then releases it without telling anyone twice', async () => {
    const created = await author.client.post('/api/v1/statuses', { status: '@heldnamed payroll question' });
    const id = created.body.id;
    expect(await seenBy(follower, id, 'question')).toContain('home');
    const countBefore = await statusesCount(author);
    const stream = await Sse.open(`${server.url}/api/v1/streaming/user`, follower.token);
    try {
      const edited = await author.client.put(`/api/v1/statuses/${id}`, {
        status: `@heldnamed payroll question: ${IBAN}`,
      });
      expect(edited.body.roost.moderation.state).toBe('held');
      await stream.until((e) => e.event === 'delete' && e.data === id);
    } finally {
      stream.close();
    }
    expect(await seenBy(follower, id, 'question')).toEqual([]);
    expect(await statusesCount(author)).toBe(countBefore - 1);
    const queued = (await moderator.client.get('/api/roost/v1/moderation/queue')).body.find(
      (s: any) => s.id === id,
    );
    expect(queued.roost.moderation.findings[0].rule).toBe('personal.iban');

    expect((await moderator.client.post(`/api/roost/v1/moderation/statuses/${id}/release`)).status).toBe(200);
    expect(await seenBy(follower, id, 'question')).toContain('home');
    expect(await statusesCount(author)).toBe(countBefore);
    const mentions = (await notificationsOf(named)).filter(
      (n) => n.status?.id === id && n.type === 'mention',
    );
    expect(mentions).toHaveLength(1);
  });
});
