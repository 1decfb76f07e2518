import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestAPIClient, type mastodon } from 'masto';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** The real Mastodon client library against Roost's posts API: shapes and paths must be what apps expect. */
describe.each(DIALECTS)('posts through masto (%s)', (dialect) => {
  let server: TestServer;
  let ann: mastodon.rest.Client;
  let ben: mastodon.rest.Client;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = createRestAPIClient({
      url: server.url,
      accessToken: (await createPerson(server, { username: 'ann' })).token,
    });
    ben = createRestAPIClient({
      url: server.url,
      accessToken: (await createPerson(server, { username: 'ben' })).token,
    });
  });
  afterAll(() => server.close());

  it('posts, replies, edits, reads history and source, and deletes', async () => {
    const status = await ann.v1.statuses.create({
      status: 'Hello from masto #Client',
      visibility: 'public',
      spoilerText: '',
    });
    expect(status.content).toContain('#<span>Client</span>');
    expect(status.tags).toEqual([{ name: 'Client', url: `${server.url}/tags/client` }]);
    const reply = await ben.v1.statuses.create({ status: '@ann hi', inReplyToId: status.id });
    expect(reply.inReplyToId).toBe(status.id);
    expect(reply.mentions[0]?.acct).toBe('ann');

    const context = await ann.v1.statuses.$select(status.id).context.fetch();
    expect(context.descendants.map((s) => s.id)).toEqual([reply.id]);

    const edited = await ann.v1.statuses.$select(status.id).update({ status: 'Edited from masto' });
    expect(edited.editedAt).not.toBeNull();
    const history = await ann.v1.statuses.$select(status.id).history.list();
    expect(history.map((v) => v.content)).toEqual([status.content, '<p>Edited from masto</p>']);
    const source = await ann.v1.statuses.$select(status.id).source.fetch();
    expect(source).toEqual({ id: status.id, text: 'Edited from masto', spoilerText: '' });

    const deleted = await ann.v1.statuses.$select(status.id).remove();
    expect(deleted.text).toBe('Edited from masto');
    await expect(ann.v1.statuses.$select(status.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('likes, reshares and bookmarks, and pages through favourites', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await ann.v1.statuses.create({ status: `post ${i}` })).id);
    for (const id of ids) {
      const liked = await ben.v1.statuses.$select(id).favourite();
      expect(liked.favourited).toBe(true);
    }
    const reshare = await ben.v1.statuses.$select(ids[0]!).reblog();
    expect(reshare.reblog?.id).toBe(ids[0]);
    const bookmarked = await ben.v1.statuses.$select(ids[1]!).bookmark();
    expect(bookmarked.bookmarked).toBe(true);

    const seen: string[] = [];
    for await (const page of ben.v1.favourites.list({ limit: 2 })) {
      seen.push(...page.map((s) => s.id));
      if (seen.length > 10) break;
    }
    expect(seen).toEqual([...ids].reverse());
    const likers = await ann.v1.statuses.$select(ids[0]!).favouritedBy.list();
    expect(likers.map((a) => a.username)).toEqual(['ben']);
    const bookmarks = await ben.v1.bookmarks.list();
    expect(bookmarks.map((s) => s.id)).toEqual([ids[1]]);
  });

  it('shows and follows hashtags', async () => {
    await ann.v1.statuses.create({ status: 'about #Roost' });
    const tag = await ben.v1.tags.$select('roost').fetch();
    expect(tag.name).toBe('Roost');
    expect(tag.history?.[0]?.uses).toBe('1');
    const followed = await ben.v1.tags.$select('roost').follow();
    expect(followed.following).toBe(true);
    const list = await ben.v1.followedTags.list();
    expect(list.map((t) => t.name)).toEqual(['Roost']);
  });
});
