import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './helpers/api-client.js';
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

/** The `rel` links of a Link header, as paths relative to the server. */
function links(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (headers.get('link') ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="(\w+)"/.exec(part.trim());
    if (match) {
      const url = new URL(match[1]!);
      result[match[2]!] = url.pathname + url.search;
    }
  }
  return result;
}

async function page(
  client: ApiClient,
  path: string,
): Promise<{ ids: string[]; next?: string; prev?: string }> {
  const res = await client.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const rel = links(res.headers);
  return { ids: res.body.map((s: { id: string }) => s.id), next: rel.next, prev: rel.prev };
}

describe.each(DIALECTS)('pagination (%s)', (dialect) => {
  let server: TestServer;
  let author: TestPerson;
  let reader: TestPerson;
  let hider: TestPerson;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    [author, reader, hider] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    expect((await reader.client.post(`/api/v1/accounts/${author.accountId}/follow`)).status).toBe(200);
  });
  afterAll(() => server.close());

  for (const timeline of ['home', 'public'] as const) {
    it(`pages ${timeline} back with next links while new posts arrive, without skipping or repeating`, async () => {
      const path = `/api/v1/timelines/${timeline}`;
      const first = await page(reader.client, `${path}?limit=1`);
      const floor = first.ids[0];
      const expected: string[] = [];
      for (let i = 0; i < 11; i += 1) {
        expected.unshift(await post(author, `${timeline} post ${i}`));
        // Posts the reader may not see, interleaved: pages must still be full.
        await post(hider, `hidden ${i}`, { visibility: 'private' });
      }

      const seen: string[] = [];
      let current = await page(reader.client, `${path}?limit=3`);
      const arrivedLater: string[] = [];
      let rounds = 0;
      while (current.ids.length > 0) {
        rounds += 1;
        const mine = current.ids.filter((id) => floor === undefined || BigInt(id) > BigInt(floor));
        seen.push(...mine);
        if (mine.length < current.ids.length) break;
        // Every page is full until the items run out.
        if (seen.length < expected.length) expect(current.ids).toHaveLength(3);
        arrivedLater.unshift(await post(author, `${timeline} arriving during paging ${rounds}`));
        expect(current.next).toBeDefined();
        current = await page(reader.client, current.next!);
      }
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
      expect(arrivedLater.length).toBeGreaterThanOrEqual(3);

      // Going forward from the newest seen item finds exactly what arrived meanwhile, oldest pages first.
      const forward: string[] = [];
      let cursor = expected[0]!;
      for (;;) {
        const newer = await page(reader.client, `${path}?limit=2&min_id=${cursor}`);
        if (newer.ids.length === 0) break;
        expect(newer.ids.length).toBeLessThanOrEqual(2);
        // Each page is newest-first, and its prev link continues forward from its newest item.
        expect([...newer.ids].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1))).toEqual(newer.ids);
        forward.unshift(...newer.ids);
        expect(newer.prev).toContain(`min_id=${newer.ids[0]}`);
        cursor = newer.ids[0]!;
      }
      expect(forward).toEqual(arrivedLater);
    });
  }

  it('distinguishes since_id (newest above the cursor) from min_id (oldest above it)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await post(author, `cursor test ${i}`));
    const path = `/api/v1/accounts/${author.accountId}/statuses`;
    const since = await page(reader.client, `${path}?since_id=${ids[0]}&limit=2`);
    expect(since.ids).toEqual([ids[4], ids[3]]);
    const min = await page(reader.client, `${path}?min_id=${ids[0]}&limit=2`);
    expect(min.ids).toEqual([ids[2], ids[1]]);
    const between = await page(reader.client, `${path}?min_id=${ids[0]}&max_id=${ids[4]}&limit=10`);
    expect(between.ids).toEqual([ids[3], ids[2], ids[1]]);
    const older = await page(reader.client, `${path}?max_id=${ids[2]}&limit=2`);
    expect(older.ids).toEqual([ids[1], ids[0]]);
  });

  it('sets Link headers that keep other parameters and name the page edges', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(await post(author, `link test ${i}`));
    const res = await reader.client.get(
      `/api/v1/accounts/${author.accountId}/statuses?limit=2&exclude_replies=true`,
    );
    const rel = links(res.headers);
    expect(rel.next).toBe(
      `/api/v1/accounts/${author.accountId}/statuses?limit=2&exclude_replies=true&max_id=${ids[1]}`,
    );
    expect(rel.prev).toBe(
      `/api/v1/accounts/${author.accountId}/statuses?limit=2&exclude_replies=true&min_id=${ids[2]}`,
    );
    const empty = await reader.client.get(`/api/v1/accounts/${author.accountId}/statuses?min_id=${ids[2]}`);
    expect(empty.body).toEqual([]);
    expect(empty.headers.get('link')).toBeNull();
  });

  it('caps limit at 40 and refuses a limit below 1', async () => {
    for (let i = 0; i < 41; i += 1) await post(author, `bulk ${i}`);
    const res = await reader.client.get(`/api/v1/accounts/${author.accountId}/statuses?limit=500`);
    expect(res.body).toHaveLength(40);
    const bad = await reader.client.get('/api/v1/timelines/home?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('limit');
  });
});
