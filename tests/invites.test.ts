import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './helpers/api-client.js';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, sessionCookieFrom, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const PASSWORD = 'a long enough password';

describe.each(DIALECTS)('invites (%s)', (dialect) => {
  let server: TestServer;
  let admin: TestPerson;
  let member: TestPerson;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await createPerson(server, { username: 'inviter', role: 'admin' });
    member = await createPerson(server, { username: 'ordinary' });
  });
  afterAll(() => server.close());

  async function invite(email: string, role?: string): Promise<string> {
    const res = await admin.client.post('/api/roost/v1/invites', role ? { email, role } : { email });
    expect(res.status).toBe(200);
    return new URL(res.body.url).pathname.split('/').pop()!;
  }

  it('lets admins create an invite link valid for 7 days; members get 403 and strangers 401', async () => {
    const res = await admin.client.post('/api/roost/v1/invites', {
      email: 'New.Person@Example.com',
      role: 'moderator',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: 'new.person@example.com',
      role: 'moderator',
      state: 'pending',
      used_at: null,
    });
    expect(res.body.url).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{40,}$`));
    const days = (Date.parse(res.body.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect((await member.client.post('/api/roost/v1/invites', { email: 'x@example.com' })).status).toBe(403);
    expect((await server.anonymous.post('/api/roost/v1/invites', { email: 'x@example.com' })).status).toBe(
      401,
    );
    expect((await member.client.get('/api/roost/v1/invites')).status).toBe(403);
    const list = await admin.client.get('/api/roost/v1/invites');
    expect(list.body.some((i: { id: string }) => i.id === res.body.id)).toBe(true);
    // Only the hash of the secret is kept: the list cannot hand the link out again.
    expect(JSON.stringify(list.body)).not.toContain(res.body.url.split('/').pop());
  });

  it('refuses a bad email or role naming the field, and an email that already has an account', async () => {
    const badEmail = await admin.client.post('/api/roost/v1/invites', { email: 'not-an-email' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.details.field).toBe('email');
    const badRole = await admin.client.post('/api/roost/v1/invites', {
      email: 'ok@example.com',
      role: 'owner',
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.details.field).toBe('role');
    const taken = await admin.client.post('/api/roost/v1/invites', { email: 'ORDINARY@example.com' });
    expect(taken.status).toBe(409);
  });

  it('shows the invite to whoever has the link, then accepts it once: the person is created and signed in', async () => {
    const token = await invite('joiner@example.com', 'moderator');
    const view = await server.anonymous.get(`/api/roost/v1/invites/${token}`);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      email: 'joiner@example.com',
      role: 'moderator',
      expires_at: expect.any(String),
    });

    const res = await fetch(`${server.url}/api/roost/v1/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'joiner', display_name: 'Jo Iner', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.account).toMatchObject({
      username: 'joiner',
      display_name: 'Jo Iner',
      roost: { role: 'moderator', email: 'joiner@example.com' },
    });
    const client = new ApiClient(server.url).withCookie(sessionCookieFrom(res.headers));
    expect((await client.get('/api/roost/v1/auth/session')).body.account.username).toBe('joiner');

    const again = await server.anonymous.post(`/api/roost/v1/invites/${token}/accept`, {
      username: 'joiner2',
      password: PASSWORD,
    });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('not_found');
    expect((await server.anonymous.get(`/api/roost/v1/invites/${token}`)).status).toBe(404);
    const list = await admin.client.get('/api/roost/v1/invites');
    expect(list.body.find((i: { email: string }) => i.email === 'joiner@example.com').state).toBe('used');
  });

  it('keeps the invite usable when acceptance fails validation, creating nobody', async () => {
    const token = await invite('retry@example.com');
    const badName = await server.anonymous.post(`/api/roost/v1/invites/${token}/accept`, {
      username: 'no spaces',
      password: PASSWORD,
    });
    expect(badName.status).toBe(400);
    expect(badName.body.details.field).toBe('username');
    const taken = await server.anonymous.post(`/api/roost/v1/invites/${token}/accept`, {
      username: 'ORDINARY',
      password: PASSWORD,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.details.field).toBe('username');
    const short = await server.anonymous.post(`/api/roost/v1/invites/${token}/accept`, {
      username: 'retry',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.details.field).toBe('password');
    expect(await server.ctx.services.accounts.personByUsername('retry')).toBeNull();
    const ok = await server.anonymous.post(`/api/roost/v1/invites/${token}/accept`, {
      username: 'retry',
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.account.roost.role).toBe('member');
  });

  it('answers 410 for an expired invite and 404 for an unknown one', async () => {
    const token = await invite('late@example.com');
    await server.ctx.database.db
      .updateTable('one_time_tokens')
      .set({ expires_at: Date.now() - 1 })
      .where('email', '=', 'late@example.com')
      .execute();
    const view = await server.anonymous.get(`/api/roost/v1/invites/${token}`);
    expect(view.status).toBe(410);
    expect(view.body.code).toBe('expired');
    const accept = await server.anonymous.post(`/api/roost/v1/invites/${token}/accept`, {
      username: 'late',
      password: PASSWORD,
    });
    expect(accept.status).toBe(410);
    expect(await server.ctx.services.accounts.personByUsername('late')).toBeNull();
    expect((await server.anonymous.get('/api/roost/v1/invites/not-a-real-token')).status).toBe(404);
  });

  it('lets only one of two simultaneous acceptances win', async () => {
    const token = await invite('race@example.com');
    const results = await Promise.all(
      ['racer_a', 'racer_b'].map((username) =>
        server.anonymous.post(`/api/roost/v1/invites/${token}/accept`, { username, password: PASSWORD }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    const people = await server.ctx.services.accounts.listPeople();
    expect(people.filter((p) => p.email === 'race@example.com')).toHaveLength(1);
  });
});
