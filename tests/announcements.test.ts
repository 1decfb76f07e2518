import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('announcements (%s)', (dialect) => {
  let server: TestServer;
  let admin: TestPerson;
  let ann: TestPerson;
  let ben: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [admin, ann, ben] = await Promise.all([
      createPerson(server, { role: 'admin' }),
      createPerson(server, { username: 'annie' }),
      createPerson(server),
    ]);
  });
  afterAll(() => server.close());

  async function create(body: Record<string, unknown>): Promise<any> {
    const res = await admin.client.post('/api/roost/v1/admin/announcements', body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  function activeIds(res: { status: number; body: any }): string[] {
    expect(res.status).toBe(200);
    return res.body.map((a: { id: string }) => a.id);
  }

  it('shows active announcements in Mastodon’s shape, with links, mentions and tags rendered', async () => {
    const made = await create({ text: 'Welcome @annie! See https://example.com #Onboarding' });
    const res = await ben.client.get('/api/v1/announcements');
    const shown = res.body.find((a: { id: string }) => a.id === made.id);
    expect(shown).toMatchObject({
      id: made.id,
      starts_at: null,
      ends_at: null,
      all_day: false,
      read: false,
      mentions: [
        { id: String(ann.accountId), username: 'annie', acct: 'annie', url: `${server.url}/@annie` },
      ],
      statuses: [],
      tags: [{ name: 'Onboarding', url: `${server.url}/tags/onboarding` }],
      emojis: [],
      reactions: [],
    });
    expect(shown.content).toContain('<a href="https://example.com"');
    expect(shown.content).toContain('class="u-url mention"');
    expect(shown).not.toHaveProperty('text');
    expect(Date.parse(shown.published_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('escapes markup in the text', async () => {
    const made = await create({ text: '<script>alert(1)</script> & <b>bold</b>' });
    const shown = (await ann.client.get('/api/v1/announcements')).body.find(
      (a: { id: string }) => a.id === made.id,
    );
    expect(shown.content).not.toContain('<script>');
    expect(shown.content).toContain('&lt;script&gt;');
  });

  it('leaves out drafts, scheduled and ended announcements', async () => {
    const draft = await create({ text: 'draft', published: false });
    const later = await create({
      text: 'later',
      scheduled_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const ended = await create({
      text: 'over',
      starts_at: '2020-01-01T00:00:00Z',
      ends_at: '2020-01-02T00:00:00Z',
      all_day: true,
    });
    const event = await create({
      text: 'all-hands',
      starts_at: new Date(Date.now() + 86_400_000).toISOString(),
      ends_at: new Date(Date.now() + 90_000_000).toISOString(),
      all_day: true,
    });
    const visible = activeIds(await ann.client.get('/api/v1/announcements'));
    expect(visible).not.toContain(draft.id);
    expect(visible).not.toContain(later.id);
    expect(visible).not.toContain(ended.id);
    expect(visible).toContain(event.id);
    const shown = (await ann.client.get('/api/v1/announcements')).body.find(
      (a: { id: string }) => a.id === event.id,
    );
    expect(shown.all_day).toBe(true);

    // Nobody can read or react to what they cannot see.
    for (const hidden of [draft, later, ended]) {
      expect((await ann.client.post(`/api/v1/announcements/${hidden.id}/dismiss`)).status).toBe(404);
      expect(
        (await ann.client.put(`/api/v1/announcements/${hidden.id}/reactions/${encodeURIComponent('👍')}`))
          .status,
      ).toBe(404);
    }

    // Publishing the draft makes it visible.
    const published = await admin.client.put(`/api/roost/v1/admin/announcements/${draft.id}`, {
      published: true,
    });
    expect(published.body.published).toBe(true);
    expect(activeIds(await ann.client.get('/api/v1/announcements'))).toContain(draft.id);
  });

  it('marks an announcement read for one person only', async () => {
    const made = await create({ text: 'read me' });
    expect((await ann.client.post(`/api/v1/announcements/${made.id}/dismiss`)).body).toEqual({});
    expect((await ann.client.post(`/api/v1/announcements/${made.id}/dismiss`)).status).toBe(200);
    const forAnn = (await ann.client.get('/api/v1/announcements')).body.find(
      (a: { id: string }) => a.id === made.id,
    );
    const forBen = (await ben.client.get('/api/v1/announcements')).body.find(
      (a: { id: string }) => a.id === made.id,
    );
    expect(forAnn.read).toBe(true);
    expect(forBen.read).toBe(false);
    expect((await ann.client.post('/api/v1/announcements/999999/dismiss')).status).toBe(404);
  });

  it('counts emoji reactions, marks the viewer’s own, and refuses what is not an emoji', async () => {
    const made = await create({ text: 'react to me' });
    const thumbs = encodeURIComponent('👍');
    expect((await ann.client.put(`/api/v1/announcements/${made.id}/reactions/${thumbs}`)).body).toEqual({});
    expect((await ann.client.put(`/api/v1/announcements/${made.id}/reactions/${thumbs}`)).status).toBe(200);
    expect((await ben.client.put(`/api/v1/announcements/${made.id}/reactions/${thumbs}`)).status).toBe(200);
    expect(
      (await ben.client.put(`/api/v1/announcements/${made.id}/reactions/${encodeURIComponent('🎉')}`)).status,
    ).toBe(200);

    const bad = await ann.client.put(`/api/v1/announcements/${made.id}/reactions/blobcat`);
    expect(bad.status).toBe(422);
    expect(bad.body.details.field).toBe('name');

    const seen = (await ann.client.get('/api/v1/announcements')).body.find(
      (a: { id: string }) => a.id === made.id,
    );
    expect(seen.reactions).toEqual([
      { name: '👍', count: 2, me: true },
      { name: '🎉', count: 1, me: false },
    ]);

    expect((await ann.client.delete(`/api/v1/announcements/${made.id}/reactions/${thumbs}`)).status).toBe(
      200,
    );
    const after = (await ben.client.get('/api/v1/announcements')).body.find(
      (a: { id: string }) => a.id === made.id,
    );
    expect(after.reactions).toEqual([
      { name: '👍', count: 1, me: true },
      { name: '🎉', count: 1, me: true },
    ]);
  });

  it('lets only administrators write announcements, refusing bad input by field', async () => {
    expect((await ann.client.post('/api/roost/v1/admin/announcements', { text: 'hi' })).status).toBe(403);
    expect((await ann.client.get('/api/roost/v1/admin/announcements')).status).toBe(403);
    expect((await server.anonymous.get('/api/v1/announcements')).status).toBe(401);
    const count = (await admin.client.get('/api/roost/v1/admin/announcements')).body.length;

    const blank = await admin.client.post('/api/roost/v1/admin/announcements', { text: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body.details.field).toBe('text');
    const badTime = await admin.client.post('/api/roost/v1/admin/announcements', {
      text: 'x',
      starts_at: 'tomorrow',
    });
    expect(badTime.status).toBe(400);
    expect(badTime.body.details.field).toBe('starts_at');
    const backwards = await admin.client.post('/api/roost/v1/admin/announcements', {
      text: 'x',
      starts_at: '2030-01-02T00:00:00Z',
      ends_at: '2030-01-01T00:00:00Z',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.details.field).toBe('ends_at');
    expect((await admin.client.get('/api/roost/v1/admin/announcements')).body.length).toBe(count);

    const made = await create({ text: 'edit me' });
    const edited = await admin.client.put(`/api/roost/v1/admin/announcements/${made.id}`, {
      text: 'edited #now',
    });
    expect(edited.body).toMatchObject({ text: 'edited #now', published: true });
    expect(edited.body.content).toContain('hashtag');
    expect((await admin.client.get(`/api/roost/v1/admin/announcements/${made.id}`)).body.text).toBe(
      'edited #now',
    );
    expect((await admin.client.delete(`/api/roost/v1/admin/announcements/${made.id}`)).body).toEqual({});
    expect(activeIds(await ann.client.get('/api/v1/announcements'))).not.toContain(made.id);
    expect((await admin.client.delete(`/api/roost/v1/admin/announcements/${made.id}`)).status).toBe(404);
  });
});
