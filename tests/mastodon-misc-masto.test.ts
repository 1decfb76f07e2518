import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestAPIClient, type mastodon } from 'masto';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** The real Mastodon client library against media, lists, filters, trends, announcements and more. */
describe.each(DIALECTS)('Mastodon API breadth through masto (%s)', (dialect) => {
  let server: TestServer;
  let annPerson: TestPerson;
  let benPerson: TestPerson;
  let ann: mastodon.rest.Client;
  let ben: mastodon.rest.Client;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    annPerson = await createPerson(server, { role: 'admin' });
    benPerson = await createPerson(server);
    ann = createRestAPIClient({ url: server.url, accessToken: annPerson.token });
    ben = createRestAPIClient({ url: server.url, accessToken: benPerson.token });
  });
  afterAll(() => server.close());

  it('uploads, reads and describes media', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#00aa55' } })
      .png()
      .toBuffer();
    const media = await ann.v2.media.create({
      file: new Blob([new Uint8Array(png)], { type: 'image/png' }),
      description: 'A green rectangle',
      focus: '0.5,0.5',
    });
    expect(media.type).toBe('image');
    expect(media.url).toMatch(/\/media\/attachments\/.+\.png$/);
    expect(media.previewUrl).toMatch(/\.webp$/);
    expect(media.meta?.original).toMatchObject({ width: 300, height: 200 });
    expect(media.meta?.focus).toEqual({ x: 0.5, y: 0.5 });

    const fetched = await ann.v1.media.$select(media.id).fetch();
    expect(fetched.description).toBe('A green rectangle');
    const updated = await ann.v1.media.$select(media.id).update({ description: 'Described again' });
    expect(updated.description).toBe('Described again');
    await expect(ben.v1.media.$select(media.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('creates a list, adds a followed person, and reads its timeline', async () => {
    await ann.v1.accounts.$select(String(benPerson.accountId)).follow();
    const list = await ann.v1.lists.create({ title: 'Colleagues', exclusive: false });
    expect(list).toMatchObject({ title: 'Colleagues', repliesPolicy: 'list', exclusive: false });
    await ann.v1.lists.$select(list.id).accounts.create({ accountIds: [String(benPerson.accountId)] });
    const members = await ann.v1.lists.$select(list.id).accounts.list();
    expect(members.map((a) => a.id)).toEqual([String(benPerson.accountId)]);

    const status = await ben.v1.statuses.create({ status: 'for the list' });
    const timeline = await ann.v1.timelines.list.$select(list.id).list();
    expect(timeline.map((s) => s.id)).toContain(status.id);
    const containing = await ann.v1.accounts.$select(String(benPerson.accountId)).lists.list();
    expect(containing.map((l) => l.id)).toEqual([list.id]);

    const renamed = await ann.v1.lists.$select(list.id).update({ title: 'Team' });
    expect(renamed.title).toBe('Team');
    await ann.v1.lists.$select(list.id).accounts.remove({ accountIds: [String(benPerson.accountId)] });
    expect(await ann.v1.lists.$select(list.id).accounts.list()).toEqual([]);
    await ann.v1.lists.$select(list.id).remove();
    await expect(ann.v1.lists.$select(list.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('manages v2 filters with keywords and posts', async () => {
    const filter = await ann.v2.filters.create({
      title: 'Launch spoilers',
      context: ['home', 'thread'],
      filterAction: 'warn',
      keywordsAttributes: [{ keyword: 'launch', wholeWord: true }],
    });
    expect(filter).toMatchObject({
      title: 'Launch spoilers',
      context: ['home', 'thread'],
      filterAction: 'warn',
    });
    expect(filter.keywords.map((k) => k.keyword)).toEqual(['launch']);

    const keyword = await ann.v2.filters
      .$select(filter.id)
      .keywords.create({ keyword: 'rocket', wholeWord: false });
    expect(keyword).toMatchObject({ keyword: 'rocket', wholeWord: false });
    const status = await ben.v1.statuses.create({ status: 'no spoilers here' });
    const filtered = await ann.v2.filters.$select(filter.id).statuses.create({ statusId: status.id });
    expect(filtered.statusId).toBe(status.id);

    const all = await ann.v2.filters.list();
    expect(all.find((f) => f.id === filter.id)?.keywords.map((k) => k.keyword)).toEqual(['launch', 'rocket']);
    const updated = await ann.v2.filters.$select(filter.id).update({
      title: 'Renamed',
      keywordsAttributes: [{ id: keyword.id, _destroy: true }],
    });
    expect(updated.title).toBe('Renamed');
    expect(updated.keywords.map((k) => k.keyword)).toEqual(['launch']);
    await ann.v2.filters.$select(filter.id).remove();
    await expect(ann.v2.filters.$select(filter.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('lists trending tags and posts', async () => {
    await ann.v1.statuses.create({ status: 'big day #Release' });
    await ben.v1.statuses.create({ status: 'indeed #release' });
    const tags = await ann.v1.trends.tags.list();
    expect(tags[0]).toMatchObject({ name: 'Release' });
    expect(tags[0]?.history?.[0]).toMatchObject({ uses: '2', accounts: '2' });
    const liked = await ben.v1.statuses.create({ status: 'like me' });
    await ann.v1.statuses.$select(liked.id).favourite();
    const statuses = await ann.v1.trends.statuses.list();
    expect(statuses.map((s) => s.id)).toContain(liked.id);
    expect(await ann.v1.trends.links.list()).toEqual([]);
  });

  it('shows announcements, dismisses and reacts to them', async () => {
    const created = await annPerson.client.post('/api/roost/v1/admin/announcements', {
      text: 'Office closed Friday',
    });
    expect(created.status).toBe(200);
    const list = await ben.v1.announcements.list();
    const announcement = list.find((a) => a.id === created.body.id)!;
    expect(announcement.content).toContain('Office closed Friday');
    await ben.v1.announcements.$select(announcement.id).dismiss();
    await ben.v1.announcements.$select(announcement.id).reactions.$select('🎉').update();
    const after = (await ben.v1.announcements.list()).find((a) => a.id === announcement.id)!;
    expect(after.reactions).toEqual([{ name: '🎉', count: 1, me: true }]);
    expect((after as unknown as { read: boolean }).read).toBe(true);
  });

  it('files reports, reads conversations, preferences and the empty lists', async () => {
    const post = await ben.v1.statuses.create({ status: 'questionable' });
    const report = await ann.v1.reports.create({
      accountId: String(benPerson.accountId),
      statusIds: [post.id],
      comment: 'Please look',
      category: 'other',
    });
    expect(report).toMatchObject({ actionTaken: false, comment: 'Please look', statusIds: [post.id] });
    expect(report.targetAccount.id).toBe(String(benPerson.accountId));

    const direct = await ben.v1.statuses.create({
      status: `@${annPerson.username} a word in private`,
      visibility: 'direct',
    });
    const conversations = await ann.v1.conversations.list();
    expect(conversations[0]).toMatchObject({ unread: true, lastStatus: { id: direct.id } });
    const read = await ann.v1.conversations.$select(conversations[0]!.id).read();
    expect(read.unread).toBe(false);
    await ann.v1.conversations.$select(conversations[0]!.id).remove();
    expect(await ann.v1.conversations.list()).toEqual([]);

    const preferences = await ann.v1.preferences.fetch();
    expect(preferences['posting:default:visibility']).toBe('public');
    expect(await ann.v1.customEmojis.list()).toEqual([]);
    expect(await ann.v1.followRequests.list()).toEqual([]);
    expect(await ann.v1.endorsements.list()).toEqual([]);
    expect(await ann.v1.featuredTags.list()).toEqual([]);
    // masto 7 has no typed method for GET /api/v1/instance/rules.
    expect((await annPerson.client.get('/api/v1/instance/rules')).body).toEqual([]);
  });
});
