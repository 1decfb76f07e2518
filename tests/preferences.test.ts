import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('preferences (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('answers Roost’s posting and reading defaults with Mastodon’s keys', async () => {
    const person = await createPerson(server);
    const res = await person.client.get('/api/v1/preferences');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      'posting:default:visibility': 'public',
      'posting:default:sensitive': false,
      'posting:default:language': null,
      'reading:expand:media': 'default',
      'reading:expand:spoilers': false,
      'reading:autoplay:gifs': true,
    });
  });

  it('needs sign-in with read:accounts', async () => {
    const person = await createPerson(server);
    expect((await server.anonymous.get('/api/v1/preferences')).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(person.userId, {
      scopes: ['read:statuses'],
      name: 'narrow',
    });
    expect((await server.client(secret).get('/api/v1/preferences')).status).toBe(403);
  });
});
