import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('hashtags (%s)', (dialect) => {
  let server: TestServer;
  let ann: TestPerson;
  let ben: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await createPerson(server, { username: 'ann' });
    ben = await createPerson(server, { username: 'ben' });
  });
  afterAll(() => server.close());

  const write = async (person: TestPerson, status: string, visibility = 'public') => {
    const res = await person.client.post('/api/v1/statuses', { status, visibility });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('shows a tag with its last week of use, counting only organization-wide posts', async () => {
    await write(ann, 'first #Launch');
    await write(ann, 'again #launch');
    await write(ben, 'me too #LAUNCH');
    await write(ben, 'quietly #launch', 'private');
    const res = await ben.client.get('/api/v1/tags/Launch');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Launch', url: `${server.url}/tags/launch`, following: false });
    expect(res.body.history).toHaveLength(7);
    const today = Math.floor(Date.now() / 86_400_000) * 86_400;
    expect(res.body.history[0]).toEqual({ day: String(today), uses: '3', accounts: '2' });
    expect(res.body.history[1]).toEqual({ day: String(today - 86_400), uses: '0', accounts: '0' });
  });

  it('answers 404 for a tag nobody used, and for a name that is not a tag', async () => {
    expect((await ann.client.get('/api/v1/tags/neverused')).status).toBe(404);
    expect((await ann.client.get('/api/v1/tags/123')).status).toBe(404);
    expect((await ann.client.get('/api/v1/tags/a-b')).status).toBe(404);
    expect((await server.anonymous.get('/api/v1/tags/launch')).status).toBe(401);
  });

  it('follows and unfollows tags idempotently, and lists followed tags with Link pagination', async () => {
    const followed = await ann.client.post('/api/v1/tags/launch/follow');
    expect(followed.status).toBe(200);
    expect(followed.body).toMatchObject({ name: 'Launch', following: true });
    expect((await ann.client.post('/api/v1/tags/LAUNCH/follow')).body.following).toBe(true);
    // Following a tag nobody has used yet creates it.
    const fresh = await ann.client.post('/api/v1/tags/Roadmap/follow');
    expect(fresh.body).toMatchObject({ name: 'Roadmap', following: true });
    expect((await ben.client.get('/api/v1/tags/roadmap')).body.following).toBe(false);

    const list = await ann.client.get('/api/v1/followed_tags?limit=1');
    expect(list.body.map((t: any) => t.name)).toEqual(['Roadmap']);
    const next = /<([^>]+)>; rel="next"/.exec(list.headers.get('link')!)![1]!;
    expect((await ann.client.get(next.replace(server.url, ''))).body.map((t: any) => t.name)).toEqual([
      'Launch',
    ]);

    const unfollowed = await ann.client.post('/api/v1/tags/launch/unfollow');
    expect(unfollowed.body.following).toBe(false);
    expect((await ann.client.post('/api/v1/tags/launch/unfollow')).body.following).toBe(false);
    expect((await ann.client.get('/api/v1/followed_tags')).body.map((t: any) => t.name)).toEqual(['Roadmap']);
    expect((await ann.client.post('/api/v1/tags/not-a-tag/follow')).status).toBe(404);
  });

  it('brings posts with a followed tag into the home feed', async () => {
    await ann.client.post('/api/v1/tags/dogs/follow');
    const post = await write(ben, 'look #Dogs');
    const home = await ann.client.get('/api/v1/timelines/home');
    expect(home.body.map((s: any) => s.id)).toContain(post.id);
  });

  it('keeps tags on edit in step with the text', async () => {
    const post = await write(ann, '#alpha and #beta');
    expect(post.tags.map((t: any) => t.name)).toEqual(['alpha', 'beta']);
    const edited = await ann.client.put(`/api/v1/statuses/${post.id}`, { status: 'only #gamma' });
    expect(edited.body.tags).toEqual([{ name: 'gamma', url: `${server.url}/tags/gamma` }]);
    const beta = await ann.client.get('/api/v1/tags/beta');
    expect(beta.body.history[0].uses).toBe('0');
  });
});
