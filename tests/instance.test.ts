import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('instance (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('describes itself in Mastodon v1 and v2 shapes', async () => {
    const v1 = await server.anonymous.get('/api/v1/instance');
    expect(v1.status).toBe(200);
    expect(v1.body.configuration.statuses.max_characters).toBe(500);
    const v2 = await server.anonymous.get('/api/v2/instance');
    expect(v2.body.domain).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await server.anonymous.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Not found', code: 'not_found' });
  });

  it('refuses an invalid bearer token with 401', async () => {
    const res = await server.client('nope').get('/api/v1/instance');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('lets browser-based clients call the API from other origins, without cookies', async () => {
    const preflight = await fetch(`${server.url}/api/v1/timelines/home`, {
      method: 'OPTIONS',
      headers: { origin: 'https://client.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const page = await fetch(`${server.url}/`, { headers: { origin: 'https://client.example' } });
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });
});
