import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

async function pngUpload(): Promise<FormData> {
  const file = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
    .png()
    .toBuffer();
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'a.png');
  return body;
}

function expectIsoWithin(value: string | null, fromNow: number): void {
  expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const reset = Date.parse(value!);
  expect(reset).toBeGreaterThan(Date.now() - 1000);
  expect(reset).toBeLessThanOrEqual(Date.now() + fromNow + 1000);
}

describe.each(DIALECTS)('rate limits at Mastodon’s numbers (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { ROOST_RATE_LIMIT_SCALE: '1' });
  });
  afterAll(() => server.close());

  it('allows 300 API requests per 5 minutes per token, then answers 429 with the headers', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    const first = await me.client.get('/api/v1/accounts/verify_credentials');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('300');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('299');
    expectIsoWithin(first.headers.get('x-ratelimit-reset'), 5 * 60_000);
    for (let sent = 1; sent < 300; sent += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, 300 - sent) }, () => me.client.get('/api/v1/streaming/health')),
      );
      expect(batch.every((r) => r.status === 200)).toBe(true);
    }
    const over = await me.client.get('/api/v1/accounts/verify_credentials');
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: 'Too many requests', code: 'rate_limited' });
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expectIsoWithin(over.headers.get('x-ratelimit-reset'), 5 * 60_000);
    // Another person's token has its own budget; so does an unauthenticated caller (by address).
    expect(
      (await other.client.get('/api/v1/accounts/verify_credentials')).headers.get('x-ratelimit-remaining'),
    ).toBe('299');
    const anonymous = await server.anonymous.get('/api/v1/instance');
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('x-ratelimit-limit')).toBe('300');
  });

  it('leaves pages outside the API alone', async () => {
    const res = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe.each(DIALECTS)('rate limits on uploads and deletes, scaled down (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    // A tenth of Mastodon's numbers: 30 API requests, 3 uploads and 3 deletes per window.
    server = await startTestServer(dialect, { ROOST_RATE_LIMIT_SCALE: '0.1' });
  });
  afterAll(() => server.close());

  it('limits media uploads to 30 per 30 minutes (3 here), with that limit in the headers', async () => {
    const me = await createPerson(server);
    for (let i = 0; i < 3; i++) {
      const res = await me.client.post('/api/v2/media', await pngUpload());
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
      expectIsoWithin(res.headers.get('x-ratelimit-reset'), 30 * 60_000);
    }
    const over = await me.client.post('/api/v2/media', await pngUpload());
    expect(over.status).toBe(429);
    const uploads = await server.ctx.database.db
      .selectFrom('media_attachments')
      .select('id')
      .where('account_id', '=', me.accountId)
      .execute();
    expect(uploads).toHaveLength(3);
    // Other requests still go through (their own, larger budget).
    expect(
      (await me.client.get('/api/v1/accounts/verify_credentials')).headers.get('x-ratelimit-limit'),
    ).toBe('30');
  });

  it('limits deleting posts to 30 per 30 minutes (3 here)', async () => {
    const me = await createPerson(server);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await me.client.post('/api/v1/statuses', { status: `post ${i}` })).body.id);
    for (const id of ids.slice(0, 3))
      expect((await me.client.delete(`/api/v1/statuses/${id}`)).status).toBe(200);
    const over = await me.client.delete(`/api/v1/statuses/${ids[3]}`);
    expect(over.status).toBe(429);
    expect(over.headers.get('x-ratelimit-limit')).toBe('3');
    expect((await me.client.get(`/api/v1/statuses/${ids[3]}`)).status).toBe(200);
  });
});
