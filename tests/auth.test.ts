import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './helpers/api-client.js';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, sessionCookieFrom, signInWithCookie } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const PASSWORD = 'correct horse battery';

async function signIn(server: TestServer, login: string, password: string) {
  const response = await fetch(`${server.url}/api/roost/v1/auth/sign_in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe.each(DIALECTS)('sign-in and sessions (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('signs in by username or email and sets an httpOnly, SameSite=Lax session cookie without Secure over http', async () => {
    const jane = await createPerson(server, {
      username: 'Jane',
      email: 'Jane@Example.com',
      password: PASSWORD,
    });
    for (const login of ['jane', 'JANE', 'jane@example.com', 'Jane@EXAMPLE.com']) {
      const res = await signIn(server, login, PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.account.id).toBe(String(jane.accountId));
      expect(res.body.account.roost.email).toBe('jane@example.com');
      expect(res.body.account.roost.role).toBe('member');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('roost_session='))!;
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/; Secure/i);
    }
  });

  it('answers 401 in JSON, the same way, for a wrong password, an unknown login and a person without a password', async () => {
    await createPerson(server, { username: 'pat', password: PASSWORD });
    await createPerson(server, { username: 'nopass' });
    const answers = [
      await signIn(server, 'pat', 'wrong password!!'),
      await signIn(server, 'nobody_here', PASSWORD),
      await signIn(server, 'nopass', PASSWORD),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthorized', error: 'Invalid login or password' });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('refuses a malformed sign-in naming the field', async () => {
    const res = await server.anonymous.post('/api/roost/v1/auth/sign_in', { login: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.details.field).toBe('password');
  });

  it('tells the web app who is signed in, and 401 when nobody is', async () => {
    const kim = await createPerson(server, { username: 'kim', password: PASSWORD });
    const client = await signInWithCookie(server, 'kim', PASSWORD);
    const res = await client.get('/api/roost/v1/auth/session');
    expect(res.status).toBe(200);
    expect(res.body.account.username).toBe('kim');
    expect(res.body.account.id).toBe(String(kim.accountId));
    expect(res.body.account.source.note).toBe('');
    expect((await server.anonymous.get('/api/roost/v1/auth/session')).status).toBe(401);
    // The cookie works on the Mastodon API as well.
    expect((await client.get('/api/v1/accounts/verify_credentials')).body.username).toBe('kim');
  });

  it('signs out: 204, the cookie is cleared and the session no longer works', async () => {
    await createPerson(server, { username: 'leaver', password: PASSWORD });
    const client = await signInWithCookie(server, 'leaver', PASSWORD);
    const res = await client.request('POST', '/api/roost/v1/auth/sign_out');
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/roost_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect((await client.get('/api/roost/v1/auth/session')).status).toBe(401);
  });

  it('refuses a cookie-authenticated write from another origin', async () => {
    await createPerson(server, { username: 'csrf_target', password: PASSWORD });
    const client = await signInWithCookie(server, 'csrf_target', PASSWORD);
    const res = await client.request('POST', '/api/roost/v1/auth/sign_out', undefined, {
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect((await client.get('/api/roost/v1/auth/session')).status).toBe(200);
  });

  it('changes the password: other sessions end, this one stays, tokens stay, the old password stops working', async () => {
    const person = await createPerson(server, { username: 'changer', password: PASSWORD });
    const here = await signInWithCookie(server, 'changer', PASSWORD);
    const elsewhere = await signInWithCookie(server, 'changer', PASSWORD);
    const res = await here.post('/api/roost/v1/auth/password', {
      current_password: PASSWORD,
      new_password: 'a much better secret',
    });
    expect(res.status).toBe(204);
    expect((await elsewhere.get('/api/roost/v1/auth/session')).status).toBe(401);
    expect((await here.get('/api/roost/v1/auth/session')).status).toBe(200);
    expect((await person.client.get('/api/v1/accounts/verify_credentials')).status).toBe(200);
    expect((await signIn(server, 'changer', PASSWORD)).status).toBe(401);
    expect((await signIn(server, 'changer', 'a much better secret')).status).toBe(200);
  });

  it('refuses a password change with a wrong current password or a short new one, changing nothing', async () => {
    await createPerson(server, { username: 'careful', password: PASSWORD });
    const here = await signInWithCookie(server, 'careful', PASSWORD);
    const other = await signInWithCookie(server, 'careful', PASSWORD);
    const wrong = await here.post('/api/roost/v1/auth/password', {
      current_password: 'not my password',
      new_password: 'a much better secret',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.field).toBe('current_password');
    const missing = await here.post('/api/roost/v1/auth/password', { new_password: 'a much better secret' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.field).toBe('current_password');
    const short = await here.post('/api/roost/v1/auth/password', {
      current_password: PASSWORD,
      new_password: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.details.field).toBe('new_password');
    expect((await other.get('/api/roost/v1/auth/session')).status).toBe(200);
    expect((await signIn(server, 'careful', PASSWORD)).status).toBe(200);
  });

  it('does not let a bearer token change the password (403) and needs a signed-in person (401)', async () => {
    const person = await createPerson(server, { username: 'tokenholder', password: PASSWORD });
    const res = await person.client.post('/api/roost/v1/auth/password', {
      current_password: PASSWORD,
      new_password: 'a much better secret',
    });
    expect(res.status).toBe(403);
    expect(
      (await server.anonymous.post('/api/roost/v1/auth/password', { new_password: 'a much better secret' }))
        .status,
    ).toBe(401);
    expect((await signIn(server, 'tokenholder', PASSWORD)).status).toBe(200);
  });

  it('limits failed sign-ins per login with 429 JSON, even for the right password, without touching other logins', async () => {
    await createPerson(server, { username: 'target', password: PASSWORD });
    await createPerson(server, { username: 'bystander', password: PASSWORD });
    for (let i = 0; i < 10; i++)
      expect((await signIn(server, 'target', `guess number ${i}`)).status).toBe(401);
    const blocked = await signIn(server, 'target', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Case or surrounding spaces do not make a fresh login.
    expect((await signIn(server, ' TARGET ', PASSWORD)).status).toBe(429);
    expect((await signIn(server, 'bystander', PASSWORD)).status).toBe(200);
  });
});

describe.each(DIALECTS)('secure cookies (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { ROOST_SECURE_COOKIES: 'true' });
  });
  afterAll(() => server.close());

  it('marks the session cookie Secure when configured (the default for an https base URL)', async () => {
    await createPerson(server, { username: 'secure', password: PASSWORD });
    const res = await signIn(server, 'secure', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('roost_session='))).toMatch(/; Secure/i);
  });
});

describe.each(DIALECTS)('first run (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  function tokenFrom(lines: string[]): string {
    expect(lines).toHaveLength(1);
    const match =
      /^First start: sign in as the first admin with this one-time link \(valid 24 hours\): (\S+)\/sign-in\/link\/(\S+)$/.exec(
        lines[0]!,
      );
    expect(match?.[1]).toBe(server.url);
    return match![2]!;
  }

  it('creates the first admin with a one-time link, reissues it until used, and then says nothing', async () => {
    const { setup } = server.ctx.services;
    const first = tokenFrom(await setup.firstRunMessages(server.url));
    const again = tokenFrom(await setup.firstRunMessages(server.url));
    expect(again).not.toBe(first);
    const people = await server.ctx.services.accounts.listPeople();
    expect(people.map((p) => [p.username, p.email, p.role, p.hasPassword])).toEqual([
      ['admin', 'admin@localhost', 'admin', false],
    ]);

    // The earlier link was retired when the new one was issued.
    expect((await server.anonymous.post('/api/roost/v1/auth/link', { token: first })).status).toBe(404);

    const res = await fetch(`${server.url}/api/roost/v1/auth/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: again }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.account).toMatchObject({ username: 'admin', roost: { role: 'admin', has_password: false } });
    const admin = new ApiClient(server.url).withCookie(sessionCookieFrom(res.headers));

    // Used once: the same link is now 404, and start-up no longer prints a link.
    const reuse = await server.anonymous.post('/api/roost/v1/auth/link', { token: again });
    expect(reuse.status).toBe(404);
    expect(reuse.body.code).toBe('not_found');
    expect(await setup.firstRunMessages(server.url)).toEqual([]);

    // Without a password yet, the admin sets one without giving a current password.
    expect(
      (await admin.post('/api/roost/v1/auth/password', { new_password: 'the first admin secret' })).status,
    ).toBe(204);
    expect((await admin.get('/api/roost/v1/auth/session')).body.account.roost.has_password).toBe(true);
    expect((await signIn(server, 'admin', 'the first admin secret')).status).toBe(200);
    // Now the current password is required.
    const change = await admin.post('/api/roost/v1/auth/password', { new_password: 'another admin secret' });
    expect(change.status).toBe(400);
  });

  it('answers 410 for an expired link and 404 for an unknown one', async () => {
    const person = await createPerson(server, { username: 'late' });
    const expired = await server.ctx.services.credentials.createSignInLink(person.userId, -1000);
    const res = await server.anonymous.post('/api/roost/v1/auth/link', { token: expired });
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('expired');
    const unknown = await server.anonymous.post('/api/roost/v1/auth/link', { token: 'no-such-link' });
    expect(unknown.status).toBe(404);
  });
});
