import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

type Table =
  'statuses' | 'mentions' | 'status_tags' | 'tags' | 'notifications' | 'status_edits' | 'home_feed';

describe.each(DIALECTS)('statuses (%s)', (dialect) => {
  let server: TestServer;
  let alice: TestPerson;
  let bob: TestPerson;

  const count = async (table: Table): Promise<number> => {
    const row = await server.ctx.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        (
          [
            'statuses',
            'mentions',
            'status_tags',
            'tags',
            'notifications',
            'status_edits',
            'home_feed',
          ] as Table[]
        ).map(async (t) => [t, await count(t)]),
      ),
    );
  const statusesCount = async (person: TestPerson) =>
    (await alice.client.get(`/api/v1/accounts/${person.accountId}`)).body.statuses_count;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    alice = await createPerson(server, { username: 'alice' });
    bob = await createPerson(server, { username: 'bob' });
  });
  afterAll(() => server.close());

  it('creates a post and answers a Mastodon Status', async () => {
    const before = await statusesCount(alice);
    const res = await alice.client.post('/api/v1/statuses', { status: 'Hello roost', language: 'en' });
    expect(res.status).toBe(200);
    const status = res.body;
    expect(status).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      content: '<p>Hello roost</p>',
      visibility: 'public',
      roost: { visibility: 'organization' },
      language: 'en',
      sensitive: false,
      spoiler_text: '',
      in_reply_to_id: null,
      reblog: null,
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      favourited: false,
      reblogged: false,
      bookmarked: false,
      muted: false,
      pinned: false,
      text: null,
      edited_at: null,
      media_attachments: [],
      emojis: [],
      mentions: [],
      tags: [],
      poll: null,
      card: null,
      account: { id: String(alice.accountId), username: 'alice' },
    });
    expect(status.url).toBe(`${server.url}/@alice/${status.id}`);
    expect(new Date(status.created_at).toISOString()).toBe(status.created_at);
    expect(await statusesCount(alice)).toBe(before + 1);

    const fetched = await bob.client.get(`/api/v1/statuses/${status.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.content).toBe('<p>Hello roost</p>');
  });

  it('accepts audiences by Mastodon and Roost names, and a form-encoded body', async () => {
    for (const [given, mastodon, roost] of [
      ['private', 'private', 'followers'],
      ['followers', 'private', 'followers'],
      ['direct', 'direct', 'mentioned'],
      ['organization', 'public', 'organization'],
      ['unlisted', 'public', 'organization'],
    ]) {
      const res = await alice.client.post('/api/v1/statuses', { status: `to ${given}`, visibility: given });
      expect(res.status).toBe(200);
      expect(res.body.visibility).toBe(mastodon);
      expect(res.body.roost.visibility).toBe(roost);
    }
    const form = await fetch(`${server.url}/api/v1/statuses`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'status=from+a+form&sensitive=true&spoiler_text=cw',
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({
      content: '<p>from a form</p>',
      sensitive: true,
      spoiler_text: 'cw',
    });
  });

  it('requires sign-in and the right scope', async () => {
    expect((await server.anonymous.post('/api/v1/statuses', { status: 'x' })).status).toBe(401);
    const own = (await alice.client.post('/api/v1/statuses', { status: 'mine' })).body;
    expect((await server.anonymous.get(`/api/v1/statuses/${own.id}`)).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(alice.userId, {
      scopes: ['read'],
    });
    const readOnly = server.client(secret);
    const before = await counts();
    const refused = await readOnly.post('/api/v1/statuses', { status: 'x' });
    expect(refused.status).toBe(403);
    expect((await readOnly.delete(`/api/v1/statuses/${own.id}`)).status).toBe(403);
    expect((await readOnly.post(`/api/v1/statuses/${own.id}/favourite`)).status).toBe(403);
    expect((await readOnly.get(`/api/v1/statuses/${own.id}`)).status).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad field types with 400 naming the field, writing nothing', async () => {
    const before = await counts();
    const cases: Array<[unknown, string]> = [
      [{ status: 123 }, 'status'],
      [{}, 'status'],
      [{ status: 'x', visibility: 'everyone' }, 'visibility'],
      [{ status: 'x', in_reply_to_id: 'abc' }, 'in_reply_to_id'],
      [{ status: 'x', sensitive: 'maybe' }, 'sensitive'],
      [{ status: 'x', spoiler_text: 5 }, 'spoiler_text'],
      [{ status: 'x', language: 'not a language' }, 'language'],
    ];
    for (const [body, field] of cases) {
      const res = await alice.client.post('/api/v1/statuses', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.details.field).toBe(field);
      expect(res.body.error).toContain(field);
    }
    const notJson = await alice.client.request('POST', '/api/v1/statuses', '{"status":', {
      'content-type': 'application/json',
    });
    expect(notJson.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('refuses blank and over-long posts with 422 naming status, counting graphemes', async () => {
    const before = await counts();
    for (const text of ['', '   \n  ', 'a'.repeat(501)]) {
      const res = await alice.client.post('/api/v1/statuses', { status: text });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'unprocessable', details: { field: 'status' } });
      expect(res.body.error).toMatch(/^status: /);
    }
    const tooLongWithWarning = await alice.client.post('/api/v1/statuses', {
      status: 'a'.repeat(498),
      spoiler_text: 'cw!',
    });
    expect(tooLongWithWarning.status).toBe(422);
    const media = await alice.client.post('/api/v1/statuses', { status: 'x', media_ids: ['1'] });
    expect(media.status).toBe(422);
    expect(media.body.details.field).toBe('media_ids');
    expect(await counts()).toEqual(before);
    // 500 family emoji are 500 graphemes (but 5,500 UTF-16 units): allowed.
    const emoji = await alice.client.post('/api/v1/statuses', { status: '👨‍👩‍👧‍👦'.repeat(500) });
    expect(emoji.status).toBe(200);
    // A long link counts as 23.
    const link = await alice.client.post('/api/v1/statuses', {
      status: `${'a'.repeat(470)} https://example.com/${'x'.repeat(200)}`,
    });
    expect(link.status).toBe(200);
  });

  it('refuses an oversized body with 413, writing nothing', async () => {
    const before = await counts();
    const res = await alice.client.post('/api/v1/statuses', { status: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('too_large');
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for a reply to a missing parent and for unknown ids, writing nothing', async () => {
    const before = await counts();
    const res = await alice.client.post('/api/v1/statuses', { status: 'reply', in_reply_to_id: '123456789' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect((await alice.client.get('/api/v1/statuses/999999999')).status).toBe(404);
    expect((await alice.client.get('/api/v1/statuses/not-an-id')).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('rolls back everything when a step inside the transaction fails', async () => {
    const search = server.ctx.services.search;
    const original = search.indexStatus.bind(search);
    const before = await counts();
    const countBefore = await statusesCount(alice);
    search.indexStatus = async () => {
      throw new Error('index unavailable');
    };
    try {
      const res = await alice.client.post('/api/v1/statuses', { status: 'hi @bob #rollback' });
      expect(res.status).toBe(500);
    } finally {
      search.indexStatus = original;
    }
    expect(await counts()).toEqual(before);
    expect(await statusesCount(alice)).toBe(countBefore);
    const tag = await alice.client.get('/api/v1/tags/rollback');
    expect(tag.status).toBe(404);
  });

  it('renders mentions of existing people, hashtags and links, and notifies the mentioned', async () => {
    const res = await alice.client.post('/api/v1/statuses', {
      status: `Hi @bob and @ghost and @BOB@${new URL(server.url).host}! #Roost #roost see https://example.com/a/b.`,
    });
    expect(res.status).toBe(200);
    const { content, mentions, tags } = res.body;
    expect(content).toContain(
      `<span class="h-card"><a href="${server.url}/@bob" class="u-url mention">@<span>bob</span></a></span>`,
    );
    expect(content).toContain('and @ghost and');
    expect(content).toContain(
      `<a href="${server.url}/tags/roost" class="mention hashtag" rel="tag">#<span>Roost</span></a>`,
    );
    expect(content).toContain(
      '<a href="https://example.com/a/b" rel="nofollow noopener noreferrer" target="_blank">',
    );
    expect(mentions).toEqual([
      { id: String(bob.accountId), username: 'bob', acct: 'bob', url: `${server.url}/@bob` },
    ]);
    expect(tags).toEqual([{ name: 'Roost', url: `${server.url}/tags/roost` }]);
    const notifications = await bob.client.get('/api/v1/notifications');
    expect(notifications.body.some((n: any) => n.type === 'mention' && n.status?.id === res.body.id)).toBe(
      true,
    );
  });

  it('escapes markup so a post cannot carry script or attributes', async () => {
    const res = await alice.client.post('/api/v1/statuses', {
      status: '<script>alert(1)</script> "onmouseover=alert(1) <img src=x onerror=alert(1)>',
    });
    expect(res.status).toBe(200);
    expect(res.body.content).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=alert(1) &lt;img src=x onerror=alert(1)&gt;</p>',
    );
    const source = await alice.client.get(`/api/v1/statuses/${res.body.id}/source`);
    expect(source.body.text).toBe(
      '<script>alert(1)</script> "onmouseover=alert(1) <img src=x onerror=alert(1)>',
    );
  });

  it('edits: author only, re-parses, and keeps every version in the history', async () => {
    const created = (await alice.client.post('/api/v1/statuses', { status: 'first #one' })).body;
    const history0 = await alice.client.get(`/api/v1/statuses/${created.id}/history`);
    expect(history0.body).toHaveLength(1);
    expect(history0.body[0].content).toBe(created.content);

    const before = await counts();
    const byBob = await bob.client.put(`/api/v1/statuses/${created.id}`, { status: 'hijacked' });
    expect(byBob.status).toBe(404);
    expect(await counts()).toEqual(before);

    const edited = await alice.client.put(`/api/v1/statuses/${created.id}`, {
      status: 'second #two @bob',
      spoiler_text: 'cw',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.id).toBe(created.id);
    expect(edited.body.edited_at).not.toBeNull();
    expect(edited.body.content).toContain('second');
    expect(edited.body.sensitive).toBe(true);
    expect(edited.body.tags.map((t: any) => t.name)).toEqual(['two']);
    expect(edited.body.mentions.map((m: any) => m.username)).toEqual(['bob']);

    await alice.client.put(`/api/v1/statuses/${created.id}`, { status: 'third' });
    const history = await bob.client.get(`/api/v1/statuses/${created.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((v: any) => v.content)).toEqual([
      created.content,
      edited.body.content,
      '<p>third</p>',
    ]);
    expect(history.body[0]).toMatchObject({
      spoiler_text: '',
      sensitive: false,
      account: { id: String(alice.accountId) },
    });
    expect(history.body[1]).toMatchObject({ spoiler_text: 'cw', sensitive: true });
    expect(history.body[0].created_at).toBe(created.created_at);

    const source = await alice.client.get(`/api/v1/statuses/${created.id}/source`);
    expect(source.body).toEqual({ id: created.id, text: 'third', spoiler_text: 'cw' });

    const tooLong = await alice.client.put(`/api/v1/statuses/${created.id}`, { status: 'x'.repeat(600) });
    expect(tooLong.status).toBe(422);
    expect((await alice.client.get(`/api/v1/statuses/${created.id}/source`)).body.text).toBe('third');
  });

  it('deletes: the author gets the source back, others get 404, moderators may', async () => {
    const created = (await alice.client.post('/api/v1/statuses', { status: 'to be deleted #gone' })).body;
    const before = await statusesCount(alice);

    expect((await bob.client.delete(`/api/v1/statuses/${created.id}`)).status).toBe(404);
    expect((await alice.client.get(`/api/v1/statuses/${created.id}`)).status).toBe(200);

    const res = await alice.client.delete(`/api/v1/statuses/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, text: 'to be deleted #gone', content: created.content });
    expect((await alice.client.get(`/api/v1/statuses/${created.id}`)).status).toBe(404);
    expect((await alice.client.delete(`/api/v1/statuses/${created.id}`)).status).toBe(404);
    expect(await statusesCount(alice)).toBe(before - 1);

    const moderator = await createPerson(server, { role: 'moderator' });
    const hidden = (await alice.client.post('/api/v1/statuses', { status: 'only me', visibility: 'direct' }))
      .body;
    const removed = await moderator.client.delete(`/api/v1/statuses/${hidden.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.text).toBe('only me');
    expect((await alice.client.get(`/api/v1/statuses/${hidden.id}`)).status).toBe(404);
  });
});
