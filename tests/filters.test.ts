import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoostEvent } from '../src/events/bus.js';
import { presentFilterResult } from '../src/http/presenters/filter.js';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

async function form(person: TestPerson, method: string, path: string, body: string) {
  const response = await fetch(person.client.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${person.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, body: await response.json() };
}

describe.each(DIALECTS)('filters (%s)', (dialect) => {
  let server: TestServer;
  let ann: TestPerson;
  let ben: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [ann, ben] = await Promise.all([createPerson(server), createPerson(server)]);
  });
  afterAll(() => server.close());

  async function filterCount(): Promise<number> {
    const row = await server.ctx.database.db
      .selectFrom('filters')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  function nextFiltersChanged(person: TestPerson): Promise<RoostEvent> {
    return new Promise((resolve) => {
      const stop = server.ctx.events.subscribe(`user:${person.accountId}`, (event) => {
        if (event.type !== 'filters.changed') return;
        stop();
        resolve(event);
      });
    });
  }

  it('creates a filter with keywords (JSON), shows, updates and deletes it, announcing each change', async () => {
    const changed = nextFiltersChanged(ann);
    const before = Date.now();
    const created = await ann.client.post('/api/v2/filters', {
      title: 'Sports',
      context: ['home', 'public'],
      filter_action: 'hide',
      expires_in: 3600,
      keywords_attributes: [
        { keyword: 'football', whole_word: true },
        { keyword: 'goal', whole_word: false },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(await changed).toEqual({ type: 'filters.changed', accountId: ann.accountId });
    const filter = created.body;
    expect(filter).toMatchObject({
      title: 'Sports',
      context: ['home', 'public'],
      filter_action: 'hide',
      keywords: [
        { keyword: 'football', whole_word: true },
        { keyword: 'goal', whole_word: false },
      ],
      statuses: [],
    });
    const expiresAt = Date.parse(filter.expires_at);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    expect(expiresAt).toBeLessThan(Date.now() + 3600_000 + 1000);

    expect((await ann.client.get('/api/v2/filters')).body.map((f: { id: string }) => f.id)).toContain(
      filter.id,
    );
    expect((await ann.client.get(`/api/v2/filters/${filter.id}`)).body).toEqual(filter);

    const [football, goal] = filter.keywords;
    const updated = await ann.client.put(`/api/v2/filters/${filter.id}`, {
      title: 'Ball games',
      filter_action: 'warn',
      expires_in: null,
      keywords_attributes: [
        { id: goal.id, _destroy: true },
        { id: football.id, keyword: 'soccer' },
        { keyword: 'rugby', whole_word: false },
      ],
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({
      title: 'Ball games',
      filter_action: 'warn',
      expires_at: null,
      context: ['home', 'public'],
    });
    expect(updated.body.keywords.map((k: { keyword: string }) => k.keyword)).toEqual(['soccer', 'rugby']);
    expect(updated.body.keywords[0]).toEqual({ id: football.id, keyword: 'soccer', whole_word: true });

    const unknownKeyword = await ann.client.put(`/api/v2/filters/${filter.id}`, {
      keywords_attributes: [{ id: '999', _destroy: true }],
    });
    expect(unknownKeyword.status).toBe(404);

    const deleted = nextFiltersChanged(ann);
    expect((await ann.client.delete(`/api/v2/filters/${filter.id}`)).body).toEqual({});
    await deleted;
    expect((await ann.client.get(`/api/v2/filters/${filter.id}`)).status).toBe(404);
  });

  it('reads Mastodon’s form encoding: context[] and keywords_attributes[][…]', async () => {
    const res = await form(
      ann,
      'POST',
      '/api/v2/filters',
      'title=test&context[]=thread&context[]=account&keywords_attributes[][keyword]=foo&keywords_attributes[][whole_word]=false&keywords_attributes[][keyword]=bar&keywords_attributes[][whole_word]=true',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      title: 'test',
      context: ['thread', 'account'],
      filter_action: 'warn',
      keywords: [
        { keyword: 'foo', whole_word: false },
        { keyword: 'bar', whole_word: true },
      ],
    });
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = await filterCount();
    const noTitle = await ann.client.post('/api/v2/filters', { title: ' ', context: ['home'] });
    expect(noTitle.status).toBe(422);
    expect(noTitle.body.details.field).toBe('title');
    const noContext = await ann.client.post('/api/v2/filters', { title: 'x', context: [] });
    expect(noContext.status).toBe(422);
    expect(noContext.body.details.field).toBe('context');
    const badContext = await ann.client.post('/api/v2/filters', { title: 'x', context: ['everywhere'] });
    expect(badContext.status).toBe(400);
    expect(badContext.body.details.field).toMatch(/^context/);
    const badAction = await ann.client.post('/api/v2/filters', {
      title: 'x',
      context: ['home'],
      filter_action: 'explode',
    });
    expect(badAction.status).toBe(400);
    expect(badAction.body.details.field).toBe('filter_action');
    const badExpiry = await ann.client.post('/api/v2/filters', {
      title: 'x',
      context: ['home'],
      expires_in: -5,
    });
    expect(badExpiry.status).toBe(400);
    expect(badExpiry.body.details.field).toBe('expires_in');
    const blankKeyword = await ann.client.post('/api/v2/filters', {
      title: 'x',
      context: ['home'],
      keywords_attributes: [{ keyword: '' }],
    });
    expect(blankKeyword.status).toBe(422);
    expect(blankKeyword.body.details.field).toBe('keyword');
    expect(await filterCount()).toBe(before);

    expect((await server.anonymous.get('/api/v2/filters')).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(ann.userId, {
      scopes: ['read'],
      name: 'r',
    });
    expect(
      (await server.client(secret).post('/api/v2/filters', { title: 'x', context: ['home'] })).status,
    ).toBe(403);
    expect(await filterCount()).toBe(before);
  });

  it('manages keywords one by one; another person’s filter and keywords are 404', async () => {
    const filter = (await ann.client.post('/api/v2/filters', { title: 'Words', context: ['home'] })).body;
    const added = await ann.client.post(`/api/v2/filters/${filter.id}/keywords`, {
      keyword: 'spoiler',
      whole_word: false,
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ id: expect.any(String), keyword: 'spoiler', whole_word: false });
    const keywordId = added.body.id;

    expect((await ann.client.get(`/api/v2/filters/${filter.id}/keywords`)).body).toEqual([added.body]);
    expect((await ann.client.get(`/api/v2/filters/keywords/${keywordId}`)).body).toEqual(added.body);
    const changed = await ann.client.put(`/api/v2/filters/keywords/${keywordId}`, {
      keyword: 'spoilers',
      whole_word: true,
    });
    expect(changed.body).toEqual({ id: keywordId, keyword: 'spoilers', whole_word: true });
    const blank = await ann.client.post(`/api/v2/filters/${filter.id}/keywords`, { keyword: '' });
    expect(blank.status).toBe(422);
    expect(blank.body.details.field).toBe('keyword');

    for (const [method, path] of [
      ['GET', `/api/v2/filters/${filter.id}`],
      ['PUT', `/api/v2/filters/${filter.id}`],
      ['DELETE', `/api/v2/filters/${filter.id}`],
      ['GET', `/api/v2/filters/${filter.id}/keywords`],
      ['POST', `/api/v2/filters/${filter.id}/keywords`],
      ['GET', `/api/v2/filters/keywords/${keywordId}`],
      ['PUT', `/api/v2/filters/keywords/${keywordId}`],
      ['DELETE', `/api/v2/filters/keywords/${keywordId}`],
      ['GET', `/api/v2/filters/${filter.id}/statuses`],
    ] as const) {
      const res = await ben.client.request(
        method,
        path,
        method === 'GET' || method === 'DELETE' ? undefined : { keyword: 'x', title: 'x' },
      );
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await ann.client.get(`/api/v2/filters/keywords/${keywordId}`)).body.keyword).toBe('spoilers');

    expect((await ann.client.delete(`/api/v2/filters/keywords/${keywordId}`)).body).toEqual({});
    expect((await ann.client.get(`/api/v2/filters/${filter.id}/keywords`)).body).toEqual([]);
  });

  it('names posts the viewer can see, once each', async () => {
    const filter = (await ann.client.post('/api/v2/filters', { title: 'Posts', context: ['thread'] })).body;
    const visible = (await ben.client.post('/api/v1/statuses', { status: 'a post' })).body.id;
    const hidden = (await ben.client.post('/api/v1/statuses', { status: 'just me', visibility: 'private' }))
      .body.id;

    const added = await ann.client.post(`/api/v2/filters/${filter.id}/statuses`, { status_id: visible });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ id: expect.any(String), status_id: visible });
    expect(
      (await ann.client.post(`/api/v2/filters/${filter.id}/statuses`, { status_id: visible })).status,
    ).toBe(422);
    expect(
      (await ann.client.post(`/api/v2/filters/${filter.id}/statuses`, { status_id: hidden })).status,
    ).toBe(404);
    expect((await ann.client.post(`/api/v2/filters/${filter.id}/statuses`, {})).status).toBe(400);

    expect((await ann.client.get(`/api/v2/filters/${filter.id}/statuses`)).body).toEqual([added.body]);
    expect((await ann.client.get(`/api/v2/filters/statuses/${added.body.id}`)).body).toEqual(added.body);
    expect((await ben.client.get(`/api/v2/filters/statuses/${added.body.id}`)).status).toBe(404);
    expect((await ann.client.get(`/api/v2/filters/${filter.id}`)).body.statuses).toEqual([added.body]);
    expect((await ann.client.delete(`/api/v2/filters/statuses/${added.body.id}`)).status).toBe(200);
    expect((await ann.client.get(`/api/v2/filters/${filter.id}/statuses`)).body).toEqual([]);
  });

  it('shows each keyword as a v1 filter, read-only', async () => {
    const person = await createPerson(server);
    const filter = (
      await person.client.post('/api/v2/filters', {
        title: 'Old clients',
        context: ['notifications'],
        filter_action: 'hide',
        keywords_attributes: [{ keyword: 'alpha' }, { keyword: 'beta', whole_word: false }],
      })
    ).body;
    const v1 = await person.client.get('/api/v1/filters');
    expect(v1.body).toEqual([
      {
        id: filter.keywords[0].id,
        phrase: 'alpha',
        context: ['notifications'],
        whole_word: true,
        expires_at: null,
        irreversible: true,
      },
      {
        id: filter.keywords[1].id,
        phrase: 'beta',
        context: ['notifications'],
        whole_word: false,
        expires_at: null,
        irreversible: true,
      },
    ]);
    expect((await person.client.get(`/api/v1/filters/${filter.keywords[1].id}`)).body.phrase).toBe('beta');
    expect((await ann.client.get(`/api/v1/filters/${filter.keywords[1].id}`)).status).toBe(404);
  });

  it('compiles a matcher per context that yields Mastodon’s FilterResult', async () => {
    const person = await createPerson(server);
    const author = await createPerson(server);
    const named = (await author.client.post('/api/v1/statuses', { status: 'quiet post' })).body;
    const homeFilter = (
      await person.client.post('/api/v2/filters', {
        title: 'No spoilers',
        context: ['home'],
        keywords_attributes: [{ keyword: 'finale', whole_word: true }],
      })
    ).body;
    await person.client.post(`/api/v2/filters/${homeFilter.id}/statuses`, { status_id: named.id });
    await person.client.post('/api/v2/filters', {
      title: 'Elsewhere',
      context: ['public'],
      keywords_attributes: [{ keyword: 'quiet' }],
    });
    const expired = (
      await person.client.post('/api/v2/filters', {
        title: 'Old',
        context: ['home'],
        expires_in: 1,
        keywords_attributes: [{ keyword: 'quiet' }],
      })
    ).body;

    const spoiler = (
      await author.client.post('/api/v1/statuses', { status: 'The FINALE was great', spoiler_text: '' })
    ).body;
    const [spoilerPost, namedPost] = await server.ctx.services.posts.hydrate(
      { accountId: person.accountId, role: 'member' },
      [Number(spoiler.id), Number(named.id)],
    );

    const home = await server.ctx.services.filters.matchFor(person.accountId, 'home', Date.now() + 5000);
    expect(home.match(spoilerPost!).map(presentFilterResult)).toEqual([
      {
        filter: {
          id: homeFilter.id,
          title: 'No spoilers',
          context: ['home'],
          expires_at: null,
          filter_action: 'warn',
        },
        keyword_matches: ['finale'],
        status_matches: null,
      },
    ]);
    // The expired filter would match "quiet" but no longer counts.
    expect(home.match(namedPost!).map((r) => [String(r.filter.id), r.statusMatches])).toEqual([
      [homeFilter.id, [named.id]],
    ]);
    expect(expired.id).not.toBe(homeFilter.id);

    const publicMatches = (await server.ctx.services.filters.matchFor(person.accountId, 'public')).match(
      namedPost!,
    );
    expect(publicMatches.map((r) => r.filter.title)).toEqual(['Elsewhere']);
    expect((await server.ctx.services.filters.matchFor(person.accountId, 'account')).isEmpty).toBe(true);
  });
});
