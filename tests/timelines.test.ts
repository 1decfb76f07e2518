import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../src/services/auth/viewer.js';
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
  const res = await follower.client.post(`/api/v1/accounts/${target.accountId}/follow`);
  expect(res.status).toBe(200);
}

function idsOf(res: { status: number; body: any }): string[] {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.map((s: { id: string }) => s.id);
}

describe.each(DIALECTS)('timelines (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  describe('home', () => {
    it('shows own posts, followed people, followed tags and mentions, and nothing else', async () => {
      const [me, friend, stranger, tagger] = await Promise.all([
        createPerson(server),
        createPerson(server),
        createPerson(server),
        createPerson(server),
      ]);
      await follow(me, friend);
      expect((await me.client.post('/api/v1/tags/gardening/follow')).status).toBe(200);

      const own = await post(me, 'my own post');
      const fromFriend = await post(friend, 'a post by a friend');
      const friendPrivate = await post(friend, 'friends only', { visibility: 'private' });
      const strangerPost = await post(stranger, 'nobody follows me');
      const strangerPrivate = await post(stranger, 'followers only #gardening', { visibility: 'private' });
      const tagged = await post(tagger, 'tomatoes #Gardening');
      const mention = await post(stranger, `hey @${me.username}`, { visibility: 'direct' });
      const otherDirect = await post(friend, `psst @${tagger.username}`, { visibility: 'direct' });

      const home = idsOf(await me.client.get('/api/v1/timelines/home'));
      expect(home).toEqual([mention, tagged, friendPrivate, fromFriend, own]);
      expect(home).not.toContain(strangerPost);
      expect(home).not.toContain(strangerPrivate);
      expect(home).not.toContain(otherDirect);

      const friendHome = idsOf(await friend.client.get('/api/v1/timelines/home'));
      expect(friendHome).toEqual([otherDirect, friendPrivate, fromFriend]);
    });

    it('shows a reshare to the resharer’s followers but not to the original author', async () => {
      const [author, resharer, follower] = await Promise.all([
        createPerson(server),
        createPerson(server),
        createPerson(server),
      ]);
      await follow(author, resharer);
      await follow(follower, resharer);
      const original = await post(author, 'worth sharing');
      const reshare = await author.client.get(`/api/v1/statuses/${original}`);
      expect(reshare.status).toBe(200);
      const res = await resharer.client.post(`/api/v1/statuses/${original}/reblog`);
      expect(res.status).toBe(200);
      const reshareId = res.body.id;
      expect(idsOf(await follower.client.get('/api/v1/timelines/home'))).toEqual([reshareId]);
      expect(idsOf(await author.client.get('/api/v1/timelines/home'))).toEqual([original]);
      const resharerHome = await resharer.client.get('/api/v1/timelines/home');
      expect(resharerHome.body[0].reblog.id).toBe(original);
    });

    it('drops a person’s posts after unfollowing them, keeping posts that mention the viewer', async () => {
      const [me, them] = await Promise.all([createPerson(server), createPerson(server)]);
      await follow(me, them);
      const plain = await post(them, 'plain post');
      const mentioning = await post(them, `hello @${me.username}`);
      expect(idsOf(await me.client.get('/api/v1/timelines/home'))).toEqual([mentioning, plain]);
      expect((await me.client.post(`/api/v1/accounts/${them.accountId}/unfollow`)).status).toBe(200);
      expect(idsOf(await me.client.get('/api/v1/timelines/home'))).toEqual([mentioning]);
    });

    it('brings a person’s recent posts into home on follow, except those the follower may not see', async () => {
      const [me, them, third] = await Promise.all([
        createPerson(server),
        createPerson(server),
        createPerson(server),
      ]);
      const open = await post(them, 'posted before the follow');
      const priv = await post(them, 'followers only, before the follow', { visibility: 'private' });
      await post(them, `direct to @${third.username}`, { visibility: 'direct' });
      expect(idsOf(await me.client.get('/api/v1/timelines/home'))).toEqual([]);
      await follow(me, them);
      expect(idsOf(await me.client.get('/api/v1/timelines/home'))).toEqual([priv, open]);
    });

    it('filters stale feed rows by visibility in SQL, so pages stay full', async () => {
      const [me, them] = await Promise.all([createPerson(server), createPerson(server)]);
      await follow(me, them);
      const open = await post(them, 'for everyone');
      const hidden = await post(them, 'for followers', { visibility: 'private' });
      expect(idsOf(await me.client.get('/api/v1/timelines/home'))).toEqual([hidden, open]);
      // The follow goes without its feed being cleaned (as if the unmerge had not happened yet).
      await server.ctx.database.db
        .deleteFrom('follows')
        .where('account_id', '=', me.accountId)
        .where('target_account_id', '=', them.accountId)
        .execute();
      expect(idsOf(await me.client.get('/api/v1/timelines/home?limit=1'))).toEqual([open]);
    });

    it('merges posts of fan-in accounts at read time instead of copying them', async () => {
      const timelines = server.ctx.services.timelines;
      const threshold = timelines.settings.fanInThreshold;
      timelines.settings.fanInThreshold = 2;
      try {
        const brand = await createPerson(server);
        const followers = await Promise.all([
          createPerson(server),
          createPerson(server),
          createPerson(server),
        ]);
        for (const f of followers) await follow(f, brand);
        const before = await post(followers[0]!, 'my own, before');
        const announcement = await post(brand, 'company-wide announcement');
        const privateNote = await post(brand, 'followers only', { visibility: 'private' });
        const after = await post(followers[0]!, 'my own, after');
        const copied = await server.ctx.database.db
          .selectFrom('home_feed')
          .select('account_id')
          .where('status_id', '=', Number(announcement))
          .execute();
        expect(copied.map((r) => r.account_id)).toEqual([brand.accountId]);
        for (const f of followers) {
          const home = idsOf(await f.client.get('/api/v1/timelines/home'));
          expect(home).toContain(announcement);
          expect(home).toContain(privateNote);
        }
        // Merged and materialised items interleave in ID order and page without gaps.
        const firstPage = idsOf(await followers[0]!.client.get('/api/v1/timelines/home?limit=2'));
        expect(firstPage).toEqual([after, privateNote]);
        const secondPage = idsOf(
          await followers[0]!.client.get(`/api/v1/timelines/home?limit=2&max_id=${privateNote}`),
        );
        expect(secondPage).toEqual([announcement, before]);
        const stranger = await createPerson(server);
        const strangerHome = idsOf(await stranger.client.get('/api/v1/timelines/home'));
        expect(strangerHome).not.toContain(announcement);
      } finally {
        timelines.settings.fanInThreshold = threshold;
      }
    });

    it('caps each feed at the newest rows without touching pages within the cap', async () => {
      const timelines = server.ctx.services.timelines;
      const [me, them] = await Promise.all([createPerson(server), createPerson(server)]);
      await follow(me, them);
      const posted: string[] = [];
      for (let i = 0; i < 6; i += 1) posted.push(await post(them, `post ${i}`));
      const cap = timelines.settings.feedCap;
      timelines.settings.feedCap = 4;
      try {
        await server.ctx.database.transaction((tx) => timelines.trimFeeds(tx, [me.accountId]));
      } finally {
        timelines.settings.feedCap = cap;
      }
      const newestFirst = [...posted].reverse();
      expect(idsOf(await me.client.get('/api/v1/timelines/home'))).toEqual(newestFirst.slice(0, 4));
      expect(idsOf(await me.client.get(`/api/v1/timelines/home?limit=2&max_id=${newestFirst[1]}`))).toEqual(
        newestFirst.slice(2, 4),
      );
    });
    it('trims feeds lazily as posts are distributed', async () => {
      const settings = server.ctx.services.timelines.settings;
      const saved = { ...settings };
      const [me, them] = await Promise.all([createPerson(server), createPerson(server)]);
      await follow(me, them);
      Object.assign(settings, { feedCap: 3, trimEvery: 1 });
      try {
        const posted: string[] = [];
        for (let i = 0; i < 6; i += 1) posted.push(await post(them, `trimmed ${i}`));
        const rows = await server.ctx.database.db
          .selectFrom('home_feed')
          .select('status_id')
          .where('account_id', '=', me.accountId)
          .orderBy('status_id', 'desc')
          .execute();
        expect(rows.map((r) => String(r.status_id))).toEqual(posted.reverse().slice(0, 3));
      } finally {
        Object.assign(settings, saved);
      }
    });
  });

  describe('the organization timeline', () => {
    it('lists organization posts only: no followers-only, direct, reshares or replies to others', async () => {
      const [a, b, viewer] = await Promise.all([
        createPerson(server),
        createPerson(server),
        createPerson(server),
      ]);
      const open = await post(a, 'open to all');
      await post(a, 'followers only', { visibility: 'private' });
      await post(a, `direct @${b.username}`, { visibility: 'direct' });
      const selfReply = await post(a, 'continuing my thread', { in_reply_to_id: open });
      await post(b, 'replying to a', { in_reply_to_id: open });
      const reshare = await b.client.post(`/api/v1/statuses/${open}/reblog`);
      expect(reshare.status).toBe(200);
      const unlisted = await post(b, 'unlisted is organization too', { visibility: 'unlisted' });
      const page = idsOf(await viewer.client.get('/api/v1/timelines/public?limit=40'));
      const mine = page.filter((id) => [open, selfReply, unlisted].includes(id) || id === reshare.body.id);
      expect(mine).toEqual([unlisted, selfReply, open]);
      const res = await viewer.client.get('/api/v1/timelines/public?limit=1');
      expect(res.body[0].visibility).toBe('public');
      expect(idsOf(await viewer.client.get('/api/v1/timelines/public?only_media=true'))).toEqual([]);
    });

    it('requires sign-in and the read:statuses scope', async () => {
      expect((await server.anonymous.get('/api/v1/timelines/public')).status).toBe(401);
      expect((await server.anonymous.get('/api/v1/timelines/home')).status).toBe(401);
      const person = await createPerson(server);
      const { secret } = await server.ctx.services.credentials.createAccessToken(person.userId, {
        scopes: ['write:statuses'],
      });
      const res = await server.client(secret).get('/api/v1/timelines/home');
      expect(res.status).toBe(403);
      expect(res.body.error).toContain('read:statuses');
      const { secret: readOnly } = await server.ctx.services.credentials.createAccessToken(person.userId, {
        scopes: ['read'],
      });
      expect((await server.client(readOnly).get('/api/v1/timelines/home')).status).toBe(200);
      expect(ALL_SCOPES).toContain('read');
    });

    it('refuses malformed cursors with 400 naming the field', async () => {
      const person = await createPerson(server);
      const res = await person.client.get('/api/v1/timelines/public?max_id=abc');
      expect(res.status).toBe(400);
      expect(res.body.error).toContain('max_id');
    });
  });

  describe('hashtag timeline', () => {
    it('lists organization posts with the tag, case-insensitively, with any/all/none', async () => {
      const [a, b, viewer] = await Promise.all([
        createPerson(server),
        createPerson(server),
        createPerson(server),
      ]);
      const both = await post(a, 'two tags #Coffee #tea');
      const coffee = await post(b, 'just #coffee');
      const tea = await post(b, 'just #tea');
      await post(a, 'hidden #coffee', { visibility: 'private' });
      await post(a, `direct #coffee @${viewer.username}`, { visibility: 'direct' });
      expect(idsOf(await viewer.client.get('/api/v1/timelines/tag/COFFEE'))).toEqual([coffee, both]);
      expect(idsOf(await viewer.client.get('/api/v1/timelines/tag/coffee?any[]=tea'))).toEqual([
        tea,
        coffee,
        both,
      ]);
      expect(idsOf(await viewer.client.get('/api/v1/timelines/tag/coffee?all[]=tea'))).toEqual([both]);
      expect(idsOf(await viewer.client.get('/api/v1/timelines/tag/coffee?none[]=tea'))).toEqual([coffee]);
      expect(idsOf(await viewer.client.get('/api/v1/timelines/tag/nosuchtag'))).toEqual([]);
    });
  });

  describe('a person’s posts', () => {
    it('shows what the viewer may see: followers-only to followers, direct to the mentioned', async () => {
      const [author, follower, mentioned, stranger] = await Promise.all([
        createPerson(server),
        createPerson(server),
        createPerson(server),
        createPerson(server),
      ]);
      await follow(follower, author);
      const open = await post(author, 'for all');
      const priv = await post(author, 'for followers', { visibility: 'private' });
      const direct = await post(author, `for @${mentioned.username}`, { visibility: 'direct' });
      const path = `/api/v1/accounts/${author.accountId}/statuses`;
      expect(idsOf(await author.client.get(path))).toEqual([direct, priv, open]);
      expect(idsOf(await follower.client.get(path))).toEqual([priv, open]);
      expect(idsOf(await mentioned.client.get(path))).toEqual([direct, open]);
      expect(idsOf(await stranger.client.get(path))).toEqual([open]);
      // A full page for the stranger even though hidden posts are newer.
      expect(idsOf(await stranger.client.get(`${path}?limit=1`))).toEqual([open]);
    });

    it('applies exclude_replies, exclude_reblogs, pinned and only_media', async () => {
      const [author, other] = await Promise.all([createPerson(server), createPerson(server)]);
      const theirs = await post(other, 'something to answer');
      const root = await post(author, 'root');
      const selfReply = await post(author, 'more', { in_reply_to_id: root });
      const reply = await post(author, 'answering', { in_reply_to_id: theirs });
      const reshare = (await author.client.post(`/api/v1/statuses/${theirs}/reblog`)).body.id;
      const path = `/api/v1/accounts/${author.accountId}/statuses`;
      expect(idsOf(await other.client.get(path))).toEqual([reshare, reply, selfReply, root]);
      expect(idsOf(await other.client.get(`${path}?exclude_replies=true`))).toEqual([
        reshare,
        selfReply,
        root,
      ]);
      expect(idsOf(await other.client.get(`${path}?exclude_reblogs=1`))).toEqual([reply, selfReply, root]);
      expect(idsOf(await other.client.get(`${path}?pinned=true`))).toEqual([]);
      expect(idsOf(await other.client.get(`${path}?only_media=true`))).toEqual([]);
    });

    it('answers 404 for an unknown account and 400 for a bad flag', async () => {
      const viewer = await createPerson(server);
      const missing = await viewer.client.get('/api/v1/accounts/123456789/statuses');
      expect(missing.status).toBe(404);
      expect((await viewer.client.get('/api/v1/accounts/nope/statuses')).status).toBe(404);
      const bad = await viewer.client.get(
        `/api/v1/accounts/${viewer.accountId}/statuses?exclude_replies=maybe`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain('exclude_replies');
    });
  });
});
