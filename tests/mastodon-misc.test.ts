import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** Endpoints Mastodon apps call that have nothing to show in Roost: they must answer in Mastodon's shapes. */
describe.each(DIALECTS)('Mastodon compatibility endpoints (%s)', (dialect) => {
  let server: TestServer;
  let person: TestPerson;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    person = await createPerson(server);
  });
  afterAll(() => server.close());

  it('lists no custom emoji, follow requests, endorsements, featured tags, blocks or mutes', async () => {
    for (const path of [
      '/api/v1/custom_emojis',
      '/api/v1/follow_requests',
      '/api/v1/endorsements',
      '/api/v1/featured_tags',
      '/api/v1/blocks',
      '/api/v1/mutes',
    ]) {
      const res = await person.client.get(path);
      expect(res.status, path).toBe(200);
      expect(res.body, path).toEqual([]);
    }
  });

  it('has no follow request to authorize or reject', async () => {
    const other = await createPerson(server);
    for (const action of ['authorize', 'reject']) {
      const res = await person.client.post(`/api/v1/follow_requests/${other.accountId}/${action}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });

  it('needs sign-in for the viewer’s own lists (custom emoji are public, as in Mastodon)', async () => {
    expect((await server.anonymous.get('/api/v1/custom_emojis')).status).toBe(200);
    for (const path of [
      '/api/v1/follow_requests',
      '/api/v1/endorsements',
      '/api/v1/featured_tags',
      '/api/v1/blocks',
      '/api/v1/mutes',
    ]) {
      expect((await server.anonymous.get(path)).status, path).toBe(401);
    }
    const { secret } = await server.ctx.services.credentials.createAccessToken(person.userId, {
      scopes: ['read:statuses'],
      name: 'narrow',
    });
    expect((await server.client(secret).get('/api/v1/blocks')).status).toBe(403);
  });
});
