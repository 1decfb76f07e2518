import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('likes, reshares and bookmarks (%s)', (dialect) => {
  let server: TestServer;
  let ann: TestPerson;
  let ben: TestPerson;
  let cat: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await createPerson(server, { username: 'ann' });
    ben = await createPerson(server, { username: 'ben' });
    cat = await createPerson(server, { username: 'cat' });
    // Cat follows Ben, so Ben's reshares reach Cat's home feed.
    expect((await cat.client.post(`/api/v1/accounts/${ben.accountId}/follow`)).status).toBe(200);
  });
  afterAll(() => server.close());

  const write = async (person: TestPerson, status: string) => {
    const res = await person.client.post('/api/v1/statuses', { status });
    expect(res.status).toBe(200);
    return res.body;
  };
  const notificationsOf = async (person: TestPerson, type: string, statusId: string) =>
    ((await person.client.get('/api/v1/notifications')).body as any[]).filter(
      (n) => n.type === type && n.status?.id === statusId,
    );
  const statusesCount = async (person: TestPerson) =>
    (await ann.client.get(`/api/v1/accounts/${person.accountId}`)).body.statuses_count;

  it('likes idempotently, counts once, notifies once, and unlikes', async () => {
    const post = await write(ann, 'likeable');
    const first = await ben.client.post(`/api/v1/statuses/${post.id}/favourite`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: post.id, favourited: true, favourites_count: 1 });
    const again = await ben.client.post(`/api/v1/statuses/${post.id}/favourite`);
    expect(again.body).toMatchObject({ favourited: true, favourites_count: 1 });
    await cat.client.post(`/api/v1/statuses/${post.id}/favourite`);
    expect((await ann.client.get(`/api/v1/statuses/${post.id}`)).body).toMatchObject({
      favourites_count: 2,
      favourited: false,
    });
    expect(await notificationsOf(ann, 'favourite', post.id)).toHaveLength(2);

    const by = await ann.client.get(`/api/v1/statuses/${post.id}/favourited_by`);
    expect(by.status).toBe(200);
    expect(by.body.map((a: any) => a.username)).toEqual(['cat', 'ben']);

    const undone = await ben.client.post(`/api/v1/statuses/${post.id}/unfavourite`);
    expect(undone.body).toMatchObject({ favourited: false, favourites_count: 1 });
    const undoneAgain = await ben.client.post(`/api/v1/statuses/${post.id}/unfavourite`);
    expect(undoneAgain.body).toMatchObject({ favourited: false, favourites_count: 1 });
    expect(
      (await ann.client.get(`/api/v1/statuses/${post.id}/favourited_by`)).body.map((a: any) => a.username),
    ).toEqual(['cat']);
  });

  it('reshares idempotently to the resharer followers, counts, notifies, and unreshares', async () => {
    const post = await write(ann, 'worth sharing');
    const annBefore = await statusesCount(ann);
    const benBefore = await statusesCount(ben);
    const res = await ben.client.post(`/api/v1/statuses/${post.id}/reblog`);
    expect(res.status).toBe(200);
    const reshare = res.body;
    expect(reshare.id).not.toBe(post.id);
    expect(reshare).toMatchObject({
      account: { username: 'ben' },
      content: '',
      reblog: { id: post.id, reblogged: true, reblogs_count: 1 },
    });
    const again = await ben.client.post(`/api/v1/statuses/${post.id}/reblog`);
    expect(again.body.id).toBe(reshare.id);
    expect((await ann.client.get(`/api/v1/statuses/${post.id}`)).body.reblogs_count).toBe(1);
    expect(await statusesCount(ben)).toBe(benBefore + 1);
    expect(await statusesCount(ann)).toBe(annBefore);
    expect(await notificationsOf(ann, 'reblog', post.id)).toHaveLength(1);

    const home = await cat.client.get('/api/v1/timelines/home');
    expect(home.body.some((s: any) => s.id === reshare.id && s.reblog?.id === post.id)).toBe(true);

    // Acting on the reshare acts on the original.
    const liked = await cat.client.post(`/api/v1/statuses/${reshare.id}/favourite`);
    expect(liked.body).toMatchObject({ id: post.id, favourited: true });
    expect(
      (await ann.client.get(`/api/v1/statuses/${post.id}/reblogged_by`)).body.map((a: any) => a.username),
    ).toEqual(['ben']);

    const undone = await ben.client.post(`/api/v1/statuses/${post.id}/unreblog`);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ id: post.id, reblogged: false, reblogs_count: 0 });
    expect((await ben.client.post(`/api/v1/statuses/${post.id}/unreblog`)).body.reblogs_count).toBe(0);
    expect((await ben.client.get(`/api/v1/statuses/${reshare.id}`)).status).toBe(404);
    expect(await statusesCount(ben)).toBe(benBefore);
    expect(await notificationsOf(ann, 'reblog', post.id)).toHaveLength(0);
    const homeAfter = await cat.client.get('/api/v1/timelines/home');
    expect(homeAfter.body.some((s: any) => s.id === reshare.id)).toBe(false);
  });

  it('deleting a post takes its reshares with it and counts them down', async () => {
    const post = await write(ann, 'short-lived');
    const benBefore = await statusesCount(ben);
    const reshare = (await ben.client.post(`/api/v1/statuses/${post.id}/reblog`)).body;
    expect(await statusesCount(ben)).toBe(benBefore + 1);
    expect((await ann.client.delete(`/api/v1/statuses/${post.id}`)).status).toBe(200);
    expect((await ben.client.get(`/api/v1/statuses/${reshare.id}`)).status).toBe(404);
    expect(await statusesCount(ben)).toBe(benBefore);
  });

  it('deleting a reshare directly is an unreshare', async () => {
    const post = await write(ann, 'share then delete');
    const reshare = (await ben.client.post(`/api/v1/statuses/${post.id}/reblog`)).body;
    const res = await ben.client.delete(`/api/v1/statuses/${reshare.id}`);
    expect(res.status).toBe(200);
    expect((await ann.client.get(`/api/v1/statuses/${post.id}`)).body).toMatchObject({ reblogs_count: 0 });
  });

  it('bookmarks privately and idempotently, and lists likes and bookmarks with Link pagination', async () => {
    const posts = [];
    for (let i = 0; i < 3; i++) posts.push(await write(ann, `bookmark me ${i}`));
    for (const post of posts) {
      const res = await cat.client.post(`/api/v1/statuses/${post.id}/bookmark`);
      expect(res.body.bookmarked).toBe(true);
    }
    expect((await cat.client.post(`/api/v1/statuses/${posts[0].id}/bookmark`)).body.bookmarked).toBe(true);
    // Nobody else sees Cat's bookmark.
    expect((await ann.client.get(`/api/v1/statuses/${posts[0].id}`)).body.bookmarked).toBe(false);

    const first = await cat.client.get('/api/v1/bookmarks?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.map((s: any) => s.id)).toEqual([posts[2].id, posts[1].id]);
    const link = first.headers.get('link')!;
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const second = await cat.client.get(next.replace(server.url, ''));
    expect(second.body.map((s: any) => s.id)).toEqual([posts[0].id]);

    await cat.client.post(`/api/v1/statuses/${posts[1].id}/unbookmark`);
    expect((await cat.client.get('/api/v1/bookmarks')).body.map((s: any) => s.id)).toEqual([
      posts[2].id,
      posts[0].id,
    ]);

    // Likes are listed newest like first, whatever the age of the post.
    await cat.client.post(`/api/v1/statuses/${posts[2].id}/favourite`);
    await cat.client.post(`/api/v1/statuses/${posts[0].id}/favourite`);
    const favourites = await cat.client.get('/api/v1/favourites');
    expect(favourites.body.map((s: any) => s.id).slice(0, 2)).toEqual([posts[0].id, posts[2].id]);
    expect(favourites.headers.get('link')).toContain('rel="next"');
  });

  it('drops a liked post from the list once it is deleted', async () => {
    const post = await write(ann, 'liked then gone');
    await ben.client.post(`/api/v1/statuses/${post.id}/favourite`);
    expect((await ben.client.get('/api/v1/favourites')).body.some((s: any) => s.id === post.id)).toBe(true);
    await ann.client.delete(`/api/v1/statuses/${post.id}`);
    expect((await ben.client.get('/api/v1/favourites')).body.some((s: any) => s.id === post.id)).toBe(false);
  });
});
