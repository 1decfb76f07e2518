import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../src/domain/tokens.js';
import { totp } from '../src/services/two-factor/totp.js';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, signInWithCookie, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const PASSWORD = 'correct horse battery staple';
const REDIRECT = 'https://app.example/callback';
const OOB = 'urn:ietf:wg:oauth:2.0:oob';

interface RegisteredApp {
  id: string;
  name: string;
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  scopes: string[];
}

interface PageResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** A browser as far as these pages need one: a cookie jar, forms, and redirects left to the test. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  get(path: string): Promise<PageResponse> {
    return this.request('GET', path);
  }

  submit(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<PageResponse> {
    return this.request('POST', path, fields, { origin: this.base, ...headers });
  }

  private async request(
    method: string,
    path: string,
    fields?: Record<string, string>,
    extra: Record<string, string> = {},
  ): Promise<PageResponse> {
    const headers: Record<string, string> = { ...extra };
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (fields) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(fields).toString();
    }
    const response = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const match = /^([^=]+)=([^;]*)/.exec(line);
      if (!match) continue;
      if (match[2]) this.cookies.set(match[1]!, match[2]);
      else this.cookies.delete(match[1]!);
    }
    return { status: response.status, headers: response.headers, text: await response.text() };
  }
}

function unescapeHtml(value: string): string {
  return value.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!,
  );
}

/** The hidden inputs of the page's form, plus the visible ones the test fills in. */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[unescapeHtml(match[1]!)] = unescapeHtml(match[2]!);
  }
  return fields;
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizePath(app: RegisteredApp, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: app.redirect_uris[0]!,
    ...params,
  });
  return `/oauth/authorize?${query}`;
}

async function postJson(
  server: TestServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe.each(DIALECTS)('OAuth authorization server (%s)', (dialect) => {
  let server: TestServer;
  let alice: TestPerson;
  /** Alice, signed in once through the OAuth sign-in page. */
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    alice = await createPerson(server, { password: PASSWORD });
    browser = new Browser(server.url);
    const app = await registerApp({ client_name: 'Sign-in helper' });
    await signIn(browser, authorizePath(app), alice.username);
  });
  afterAll(() => server.close());

  async function registerApp(overrides: Record<string, unknown> = {}): Promise<RegisteredApp> {
    const res = await postJson(server, '/api/v1/apps', {
      client_name: 'Test App',
      redirect_uris: REDIRECT,
      scopes: 'read write',
      ...overrides,
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function signIn(
    who: Browser,
    path: string,
    login: string,
    password = PASSWORD,
  ): Promise<PageResponse> {
    const page = await who.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('action="/oauth/sign_in"');
    return who.submit('/oauth/sign_in', { ...formFields(page.text), login, password });
  }

  /** Opens the consent page as the signed-in browser and answers it; returns the redirect. */
  async function decide(path: string, decision: 'approve' | 'deny', who = browser): Promise<PageResponse> {
    const consent = await who.get(path);
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('action="/oauth/authorize"');
    return who.submit('/oauth/authorize', { ...formFields(consent.text), decision });
  }

  async function codeFor(app: RegisteredApp, params: Record<string, string> = {}): Promise<string> {
    const answer = await decide(authorizePath(app, params), 'approve');
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location')!);
    return location.searchParams.get('code')!;
  }

  function exchange(app: RegisteredApp, code: string, extra: Record<string, string> = {}) {
    return postJson(server, '/oauth/token', {
      grant_type: 'authorization_code',
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: app.redirect_uris[0],
      code,
      ...extra,
    });
  }

  async function tokenFor(
    app: RegisteredApp,
    scope = 'read write',
  ): Promise<{ access_token: string; refresh_token: string; scope: string }> {
    const { verifier, challenge } = pkce();
    const code = await codeFor(app, { scope, code_challenge: challenge, code_challenge_method: 'S256' });
    const res = await exchange(app, code, { code_verifier: verifier });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function countApps(): Promise<number> {
    const row = await server.ctx.database.db
      .selectFrom('oauth_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  describe('metadata and registration', () => {
    it('publishes RFC 8414 metadata as Mastodon does', async () => {
      const res = await server.anonymous.get('/.well-known/oauth-authorization-server');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        issuer: `${server.url}/`,
        authorization_endpoint: `${server.url}/oauth/authorize`,
        token_endpoint: `${server.url}/oauth/token`,
        revocation_endpoint: `${server.url}/oauth/revoke`,
        app_registration_endpoint: `${server.url}/api/v1/apps`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
      expect(res.body.grant_types_supported).toEqual(
        expect.arrayContaining(['authorization_code', 'client_credentials', 'refresh_token']),
      );
      expect(res.body.grant_types_supported).not.toContain('password');
      expect(res.body.scopes_supported).toEqual(
        expect.arrayContaining(['read', 'write:statuses', 'profile', 'admin:read:accounts']),
      );
    });

    it('registers an application and keeps only a hash of its secret', async () => {
      const app = await registerApp({ website: 'https://app.example', scopes: 'read write:statuses' });
      expect(app).toMatchObject({
        name: 'Test App',
        website: 'https://app.example',
        scopes: ['read', 'write:statuses'],
        redirect_uri: REDIRECT,
        redirect_uris: [REDIRECT],
        vapid_key: '',
        client_secret_expires_at: 0,
      });
      expect(app.id).toMatch(/^\d+$/);
      expect(app.client_id.length).toBeGreaterThan(30);
      const row = await server.ctx.database.db
        .selectFrom('oauth_applications')
        .selectAll()
        .where('client_id', '=', app.client_id)
        .executeTakeFirstOrThrow();
      expect(row.client_secret_hash).toBe(hashSecret(app.client_secret));
      expect(JSON.stringify(row)).not.toContain(app.client_secret);
    });

    it('accepts form-encoded arrays, newline-separated URIs and multipart forms, defaulting to read', async () => {
      const form = await fetch(`${server.url}/api/v1/apps`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `client_name=Form+App&redirect_uris[]=${encodeURIComponent(REDIRECT)}&redirect_uris[]=${encodeURIComponent(OOB)}`,
      });
      expect(form.status).toBe(200);
      expect(await form.json()).toMatchObject({ redirect_uris: [REDIRECT, OOB], scopes: ['read'] });

      const lines = await registerApp({ redirect_uris: `${REDIRECT}\nmyapp://callback` });
      expect(lines.redirect_uris).toEqual([REDIRECT, 'myapp://callback']);

      const multipart = new FormData();
      multipart.set('client_name', 'Curl App');
      multipart.set('redirect_uris', OOB);
      multipart.set('scopes', 'read:statuses write:statuses');
      const res = await fetch(`${server.url}/api/v1/apps`, { method: 'POST', body: multipart });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        name: 'Curl App',
        redirect_uris: [OOB],
        scopes: ['read:statuses', 'write:statuses'],
      });
    });

    it('refuses bad registrations with 400 naming the field, writing nothing', async () => {
      const before = await countApps();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ client_name: 'No URI' }, 'redirect_uris'],
        [{ redirect_uris: REDIRECT }, 'client_name'],
        [{ client_name: '   ', redirect_uris: REDIRECT }, 'client_name'],
        [{ client_name: 'Bad', redirect_uris: '/relative' }, 'redirect_uris'],
        [{ client_name: 'Bad', redirect_uris: 'javascript:alert(1)' }, 'redirect_uris'],
        [{ client_name: 'Bad', redirect_uris: REDIRECT, scopes: 'read crypto' }, 'scopes'],
        [{ client_name: 'Bad', redirect_uris: REDIRECT, website: 'ftp://x' }, 'website'],
      ];
      for (const [body, field] of cases) {
        const res = await postJson(server, '/api/v1/apps', body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.details.field).toBe(field);
      }
      expect(await countApps()).toBe(before);
    });
  });

  describe('the authorization code flow', () => {
    it('signs in, asks consent, redirects with code and state, and the token works', async () => {
      const app = await registerApp({ client_name: 'Flow App', scopes: 'read write' });
      const { verifier, challenge } = pkce();
      const path = authorizePath(app, {
        scope: 'read write:statuses',
        state: 'xyz 123',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const fresh = new Browser(server.url);

      const signInPage = await fresh.get(path);
      expect(signInPage.status).toBe(200);
      expect(signInPage.headers.get('content-type')).toContain('text/html');
      expect(signInPage.text).toContain('Flow App');
      expect(signInPage.text).toContain('name="password"');

      const wrong = await fresh.submit('/oauth/sign_in', {
        ...formFields(signInPage.text),
        login: alice.username,
        password: 'not the password',
      });
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('The login or password is wrong.');
      expect(fresh.cookies.has('roost_session')).toBe(false);

      const signedIn = await fresh.submit('/oauth/sign_in', {
        ...formFields(wrong.text),
        login: alice.username,
        password: PASSWORD,
      });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toMatch(/^\/oauth\/authorize\?/);
      expect(fresh.cookies.has('roost_session')).toBe(true);

      const consent = await fresh.get(signedIn.headers.get('location')!);
      expect(consent.status).toBe(200);
      expect(consent.text).toContain('Authorize Flow App?');
      expect(consent.text).toContain(`@${alice.username}`);
      expect(consent.text).toContain('Read everything your account can see');
      expect(consent.text).toContain('Publish, edit and delete posts as you');
      const csp = consent.headers.get('content-security-policy')!;
      expect(csp).toContain("form-action 'self' https://app.example");
      expect(csp).toContain("frame-ancestors 'none'");

      const answer = await fresh.submit('/oauth/authorize', {
        ...formFields(consent.text),
        decision: 'approve',
      });
      expect(answer.status).toBe(302);
      const location = new URL(answer.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
      expect(location.searchParams.get('state')).toBe('xyz 123');
      const code = location.searchParams.get('code')!;
      expect(code.length).toBeGreaterThan(30);

      const token = await exchange(app, code, { code_verifier: verifier });
      expect(token.status).toBe(200);
      expect(token.headers.get('cache-control')).toBe('no-store');
      expect(token.body).toMatchObject({ token_type: 'Bearer', scope: 'read write:statuses' });
      expect(token.body.created_at).toBeCloseTo(Date.now() / 1000, -1);
      expect(typeof token.body.refresh_token).toBe('string');

      const client = server.client(token.body.access_token);
      const me = await client.get('/api/v1/accounts/verify_credentials');
      expect(me.status).toBe(200);
      expect(me.body.username).toBe(alice.username);
      const which = await client.get('/api/v1/apps/verify_credentials');
      expect(which.status).toBe(200);
      expect(which.body).toMatchObject({
        id: app.id,
        name: 'Flow App',
        scopes: ['read', 'write'],
        vapid_key: '',
      });
      expect(which.body.client_secret).toBeUndefined();
      const posted = await client.post('/api/v1/statuses', { status: 'Hello from an OAuth app' });
      expect(posted.status).toBe(200);
    });

    it('accepts the token request as a form with HTTP Basic client authentication', async () => {
      const app = await registerApp();
      const code = await codeFor(app);
      const res = await fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: REDIRECT,
        }).toString(),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { scope: string }).scope).toBe('read');
    });

    it('shows the code instead of redirecting for the out-of-band URI', async () => {
      const app = await registerApp({ redirect_uris: OOB });
      const answer = await decide(authorizePath(app), 'approve');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('location')).toBeNull();
      const code = unescapeHtml(/<code id="code">([^<]+)<\/code>/.exec(answer.text)![1]!);
      const token = await exchange(app, code);
      expect(token.status).toBe(200);
    });

    it('sends access_denied back with the state when the person denies', async () => {
      const app = await registerApp();
      const answer = await decide(authorizePath(app, { state: 's1' }), 'deny');
      expect(answer.status).toBe(302);
      const location = new URL(answer.headers.get('location')!);
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('state')).toBe('s1');
      expect(location.searchParams.get('code')).toBeNull();
    });

    it('asks for a sign-in again with force_login, and signing in as someone else ends the old session', async () => {
      const app = await registerApp();
      const bob = await createPerson(server, { password: PASSWORD });
      const who = new Browser(server.url);
      await signIn(who, authorizePath(app), alice.username);
      const aliceSession = who.cookies.get('roost_session');
      const page = await who.get(authorizePath(app, { force_login: 'true' }));
      expect(page.text).toContain('action="/oauth/sign_in"');
      const switched = await who.submit('/oauth/sign_in', {
        ...formFields(page.text),
        login: bob.username,
        password: PASSWORD,
      });
      expect(switched.status).toBe(303);
      expect(switched.headers.get('location')).not.toContain('force_login');
      const consent = await who.get(switched.headers.get('location')!);
      expect(consent.text).toContain(`@${bob.username}`);
      const old = await fetch(`${server.url}/api/roost/v1/auth/session`, {
        headers: { cookie: `roost_session=${aliceSession}` },
      });
      expect(old.status).toBe(401);
    });

    it('escapes the application name on the sign-in and consent pages', async () => {
      const app = await registerApp({
        client_name: '<script>alert("x")</script><img src=x onerror=alert(1)>',
      });
      const stranger = new Browser(server.url);
      const signInPage = await stranger.get(authorizePath(app));
      const consent = await browser.get(authorizePath(app));
      for (const page of [signInPage, consent]) {
        expect(page.status).toBe(200);
        expect(page.text).not.toContain('<script>');
        expect(page.text).not.toContain('<img');
        expect(page.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      }
    });
  });

  describe('refusals at the authorization endpoint', () => {
    it('shows an error page and never redirects to an unregistered URI or for an unknown client', async () => {
      const app = await registerApp();
      const badRedirect = await browser.get(authorizePath(app, { redirect_uri: 'https://evil.example/cb' }));
      expect(badRedirect.status).toBe(400);
      expect(badRedirect.headers.get('location')).toBeNull();
      expect(badRedirect.text).toContain('not one the application registered');
      const unknownClient = await browser.get(
        '/oauth/authorize?response_type=code&client_id=nope&redirect_uri=https%3A%2F%2Fevil.example%2Fcb',
      );
      expect(unknownClient.status).toBe(400);
      expect(unknownClient.headers.get('location')).toBeNull();
    });

    it('sends invalid_scope back for an unknown scope or one the app did not register', async () => {
      const app = await registerApp({ scopes: 'read' });
      for (const scope of ['read bogus:scope', 'write:statuses']) {
        const res = await browser.get(authorizePath(app, { scope, state: 'st' }));
        expect(res.status).toBe(302);
        const location = new URL(res.headers.get('location')!);
        expect(location.searchParams.get('error')).toBe('invalid_scope');
        expect(location.searchParams.get('state')).toBe('st');
      }
    });

    it('refuses the plain PKCE method and unsupported response types', async () => {
      const app = await registerApp();
      const plain = await browser.get(
        authorizePath(app, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }),
      );
      expect(new URL(plain.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
      const implicit = await browser.get(authorizePath(app, { response_type: 'token' }));
      expect(new URL(implicit.headers.get('location')!).searchParams.get('error')).toBe(
        'unsupported_response_type',
      );
    });

    it('refuses a consent form without the session’s CSRF token or from another site, issuing no code', async () => {
      const app = await registerApp();
      const consent = await browser.get(authorizePath(app));
      const fields = formFields(consent.text);
      const forged = await browser.submit('/oauth/authorize', {
        ...fields,
        csrf: 'guessed',
        decision: 'approve',
      });
      expect(forged.status).toBe(403);
      expect(forged.headers.get('location')).toBeNull();
      const crossSite = await browser.submit(
        '/oauth/authorize',
        { ...fields, decision: 'approve' },
        { origin: 'https://evil.example' },
      );
      expect(crossSite.status).toBe(403);
      const codes = await server.ctx.database.db
        .selectFrom('oauth_authorization_codes')
        .innerJoin('oauth_applications', 'oauth_applications.id', 'oauth_authorization_codes.application_id')
        .select('oauth_authorization_codes.id')
        .where('oauth_applications.client_id', '=', app.client_id)
        .execute();
      expect(codes).toHaveLength(0);
    });

    it('rate-limits the sign-in form per login', async () => {
      const app = await registerApp();
      const guesser = new Browser(server.url);
      const page = await guesser.get(authorizePath(app));
      const fields = formFields(page.text);
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        statuses.push(
          (
            await guesser.submit('/oauth/sign_in', {
              ...fields,
              login: 'nobody-here',
              password: `guess number ${i}`,
            })
          ).status,
        );
      }
      expect(statuses).toEqual(Array(10).fill(401));
      const limited = await guesser.submit('/oauth/sign_in', {
        ...fields,
        login: 'nobody-here',
        password: 'one more guess',
      });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('text/html');
      expect(limited.text).toContain('Too many attempts');
    });

    it('refuses a sign-in form without its CSRF cookie value', async () => {
      const app = await registerApp();
      const stranger = new Browser(server.url);
      const page = await stranger.get(authorizePath(app));
      const res = await stranger.submit('/oauth/sign_in', {
        ...formFields(page.text),
        csrf: 'forged',
        login: alice.username,
        password: PASSWORD,
      });
      expect(res.status).toBe(403);
      expect(stranger.cookies.has('roost_session')).toBe(false);
    });
  });

  describe('the token endpoint', () => {
    it('binds the code to the PKCE verifier', async () => {
      const app = await registerApp();
      const { verifier, challenge } = pkce();
      const code = await codeFor(app, { code_challenge: challenge, code_challenge_method: 'S256' });
      const wrong = await exchange(app, code, { code_verifier: pkce().verifier });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toBe('invalid_grant');
      expect(typeof wrong.body.error_description).toBe('string');
      const missing = await exchange(app, code);
      expect(missing.body.error).toBe('invalid_grant');
      const right = await exchange(app, code, { code_verifier: verifier });
      expect(right.status).toBe(200);
    });

    it('lets a code work once, and its reuse revokes the tokens issued from it', async () => {
      const app = await registerApp();
      const code = await codeFor(app);
      const first = await exchange(app, code);
      expect(first.status).toBe(200);
      expect(
        (await server.client(first.body.access_token).get('/api/v1/apps/verify_credentials')).status,
      ).toBe(200);
      const again = await exchange(app, code);
      expect(again.status).toBe(400);
      expect(again.body.error).toBe('invalid_grant');
      expect(
        (await server.client(first.body.access_token).get('/api/v1/apps/verify_credentials')).status,
      ).toBe(401);
      const refreshed = await postJson(server, '/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: first.body.refresh_token,
        client_id: app.client_id,
        client_secret: app.client_secret,
      });
      expect(refreshed.body.error).toBe('invalid_grant');
    });

    it('refuses an expired code', async () => {
      const app = await registerApp();
      const code = await codeFor(app);
      await server.ctx.database.db
        .updateTable('oauth_authorization_codes')
        .set({ created_at: Date.now() - 10 * 60 * 1000 - 1 })
        .where('code_hash', '=', hashSecret(code))
        .execute();
      const res = await exchange(app, code);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_grant');
    });

    it('binds the code to its redirect URI and its client', async () => {
      const app = await registerApp({ redirect_uris: [REDIRECT, 'https://app.example/other'] });
      const other = await registerApp();
      const code = await codeFor(app);
      const mismatch = await exchange(app, code, { redirect_uri: 'https://app.example/other' });
      expect(mismatch.body.error).toBe('invalid_grant');
      const stolen = await exchange(other, code);
      expect(stolen.body.error).toBe('invalid_grant');
      const missing = await postJson(server, '/oauth/token', {
        grant_type: 'authorization_code',
        client_id: app.client_id,
        client_secret: app.client_secret,
        code,
      });
      expect(missing.body.error).toBe('invalid_request');
      expect((await exchange(app, code)).status).toBe(200);
    });

    it('refuses the password grant, unknown grants and bad client secrets', async () => {
      const app = await registerApp();
      const password = await postJson(server, '/oauth/token', {
        grant_type: 'password',
        client_id: app.client_id,
        client_secret: app.client_secret,
        username: alice.username,
        password: PASSWORD,
      });
      expect(password.status).toBe(400);
      expect(password.body.error).toBe('unsupported_grant_type');
      expect(password.body.access_token).toBeUndefined();
      const none = await postJson(server, '/oauth/token', { client_id: app.client_id });
      expect(none.body.error).toBe('invalid_request');
      const badSecret = await postJson(server, '/oauth/token', {
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: 'wrong',
      });
      expect(badSecret.status).toBe(401);
      expect(badSecret.body.error).toBe('invalid_client');
      const basic = await fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${app.client_id}:wrong`).toString('base64')}`,
        },
        body: JSON.stringify({ grant_type: 'client_credentials' }),
      });
      expect(basic.status).toBe(401);
      expect(basic.headers.get('www-authenticate')).toContain('Basic');
    });

    it('issues app-only tokens that verify the app but act for nobody', async () => {
      const app = await registerApp({ scopes: 'read write' });
      const res = await postJson(server, '/oauth/token', {
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: 'read',
      });
      expect(res.status).toBe(200);
      expect(res.body.scope).toBe('read');
      expect(res.body.refresh_token).toBeUndefined();
      const appClient = server.client(res.body.access_token);
      const which = await appClient.get('/api/v1/apps/verify_credentials');
      expect(which.status).toBe(200);
      expect(which.body.name).toBe('Test App');
      expect((await appClient.get('/api/v1/accounts/verify_credentials')).status).toBe(401);
      expect((await appClient.get('/api/roost/v1/authorized_apps')).status).toBe(401);
      expect((await server.client('roostapp_forged').get('/api/v1/apps/verify_credentials')).status).toBe(
        401,
      );
      expect((await server.anonymous.get('/api/v1/apps/verify_credentials')).status).toBe(401);
      const tooMuch = await postJson(server, '/oauth/token', {
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: 'admin:read',
      });
      expect(tooMuch.body.error).toBe('invalid_scope');
      const unknown = await postJson(server, '/oauth/token', {
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: 'read nonsense',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toBe('invalid_scope');
    });

    it('rotates refresh tokens, and a replayed one revokes the whole chain', async () => {
      const app = await registerApp();
      const first = await tokenFor(app);
      const refresh = (token: string, scope?: string) =>
        postJson(server, '/oauth/token', {
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: app.client_id,
          client_secret: app.client_secret,
          ...(scope ? { scope } : {}),
        });
      const second = await refresh(first.refresh_token);
      expect(second.status).toBe(200);
      expect(second.body.scope).toBe('read write');
      expect(second.body.access_token).not.toBe(first.access_token);
      expect(second.body.refresh_token).not.toBe(first.refresh_token);
      expect(
        (await server.client(first.access_token).get('/api/v1/accounts/verify_credentials')).status,
      ).toBe(401);
      expect(
        (await server.client(second.body.access_token).get('/api/v1/accounts/verify_credentials')).status,
      ).toBe(200);

      const wider = await refresh(second.body.refresh_token, 'read write admin:write');
      expect(wider.body.error).toBe('invalid_scope');

      const replay = await refresh(first.refresh_token);
      expect(replay.body.error).toBe('invalid_grant');
      expect(
        (await server.client(second.body.access_token).get('/api/v1/accounts/verify_credentials')).status,
      ).toBe(401);
      expect((await refresh(second.body.refresh_token)).body.error).toBe('invalid_grant');
    });

    it('narrows a refreshed token to the scope asked for', async () => {
      const app = await registerApp();
      const first = await tokenFor(app);
      const narrowed = await postJson(server, '/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: 'read',
      });
      expect(narrowed.body.scope).toBe('read');
      const posted = await server
        .client(narrowed.body.access_token)
        .post('/api/v1/statuses', { status: 'should not post' });
      expect(posted.status).toBe(403);
    });

    it('rate-limits the token endpoint per client', async () => {
      const app = await registerApp();
      const statuses: number[] = [];
      for (let i = 0; i < 31; i += 1) {
        const res = await postJson(server, '/oauth/token', {
          grant_type: 'client_credentials',
          client_id: app.client_id,
          client_secret: 'wrong',
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses[30]).toBe(429);
      // Another client from the same address is not locked out.
      const other = await registerApp();
      const ok = await postJson(server, '/oauth/token', {
        grant_type: 'client_credentials',
        client_id: other.client_id,
        client_secret: other.client_secret,
      });
      expect(ok.status).toBe(200);
    });
  });

  describe('scopes and revocation', () => {
    it('answers 403 when the token lacks the scope a route needs', async () => {
      const app = await registerApp({ scopes: 'read write' });
      const token = await tokenFor(app, 'read');
      const client = server.client(token.access_token);
      expect((await client.get('/api/v1/accounts/verify_credentials')).status).toBe(200);
      const posted = await client.post('/api/v1/statuses', { status: 'read-only tokens cannot post' });
      expect(posted.status).toBe(403);
      expect(posted.body.code).toBe('forbidden');
      const profileOnly = await tokenFor(await registerApp({ scopes: 'profile' }), 'profile');
      expect(
        (await server.client(profileOnly.access_token).get('/api/roost/v1/authorized_apps')).status,
      ).toBe(403);
    });

    it('revokes a token for its own client only, and answers {} for unknown tokens', async () => {
      const app = await registerApp();
      const other = await registerApp();
      const token = await tokenFor(app);
      const foreign = await postJson(server, '/oauth/revoke', {
        client_id: other.client_id,
        client_secret: other.client_secret,
        token: token.access_token,
      });
      expect(foreign.status).toBe(403);
      expect(foreign.body.error).toBe('unauthorized_client');
      expect(
        (await server.client(token.access_token).get('/api/v1/accounts/verify_credentials')).status,
      ).toBe(200);

      const revoked = await postJson(server, '/oauth/revoke', {
        client_id: app.client_id,
        client_secret: app.client_secret,
        token: token.access_token,
      });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toEqual({});
      expect(
        (await server.client(token.access_token).get('/api/v1/accounts/verify_credentials')).status,
      ).toBe(401);
      const refresh = await postJson(server, '/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
        client_id: app.client_id,
        client_secret: app.client_secret,
      });
      expect(refresh.body.error).toBe('invalid_grant');

      const unknown = await postJson(server, '/oauth/revoke', {
        client_id: app.client_id,
        client_secret: app.client_secret,
        token: 'never-issued',
      });
      expect(unknown.status).toBe(200);
      const unauthenticated = await postJson(server, '/oauth/revoke', {
        client_id: app.client_id,
        client_secret: 'wrong',
        token: 'x',
      });
      expect(unauthenticated.status).toBe(401);
    });

    it('lists the apps a person authorized and lets them take one back', async () => {
      const carol = await createPerson(server, { password: PASSWORD });
      const who = new Browser(server.url);
      const app = await registerApp({
        client_name: 'Carol’s reader',
        website: 'https://reader.example',
        scopes: 'read write',
      });
      await signIn(who, authorizePath(app), carol.username);
      const { verifier, challenge } = pkce();
      const answer = await decide(
        authorizePath(app, { scope: 'read', code_challenge: challenge, code_challenge_method: 'S256' }),
        'approve',
        who,
      );
      const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
      const token = (await exchange(app, code, { code_verifier: verifier })).body;

      const list = await carol.client.get('/api/roost/v1/authorized_apps');
      expect(list.status).toBe(200);
      expect(list.body).toEqual([
        {
          id: app.id,
          name: 'Carol’s reader',
          website: 'https://reader.example',
          scopes: ['read'],
          created_at: expect.any(String),
          last_used_at: null,
        },
      ]);
      expect((await server.anonymous.get('/api/roost/v1/authorized_apps')).status).toBe(401);

      const readOnly = server.client(token.access_token);
      expect((await readOnly.delete(`/api/roost/v1/authorized_apps/${app.id}`)).status).toBe(403);
      expect((await alice.client.delete(`/api/roost/v1/authorized_apps/${app.id}`)).status).toBe(404);
      expect((await server.anonymous.delete(`/api/roost/v1/authorized_apps/${app.id}`)).status).toBe(401);

      const removed = await carol.client.delete(`/api/roost/v1/authorized_apps/${app.id}`);
      expect(removed.status).toBe(204);
      expect((await readOnly.get('/api/v1/accounts/verify_credentials')).status).toBe(401);
      expect((await carol.client.get('/api/roost/v1/authorized_apps')).body).toEqual([]);
      expect((await carol.client.delete(`/api/roost/v1/authorized_apps/${app.id}`)).status).toBe(404);
      expect((await carol.client.delete('/api/roost/v1/authorized_apps/not-an-id')).status).toBe(404);
    });

    it('revokes every token when the application is deleted', async () => {
      const app = await registerApp();
      const token = await tokenFor(app);
      const appToken = await postJson(server, '/oauth/token', {
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
      });
      await server.ctx.services.oauth.applications.delete(Number(app.id));
      expect(
        (await server.client(token.access_token).get('/api/v1/accounts/verify_credentials')).status,
      ).toBe(401);
      expect(
        (await server.client(appToken.body.access_token).get('/api/v1/apps/verify_credentials')).status,
      ).toBe(401);
      const exchangeAfter = await postJson(server, '/oauth/token', {
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
      });
      expect(exchangeAfter.status).toBe(401);
      const page = await browser.get(authorizePath(app));
      expect(page.status).toBe(400);
    });

    it('revokes what applications hold for a person (the password-change hook), keeping personal tokens', async () => {
      const dave = await createPerson(server, { password: PASSWORD });
      const who = new Browser(server.url);
      const app = await registerApp();
      await signIn(who, authorizePath(app), dave.username);
      const answer = await decide(authorizePath(app), 'approve', who);
      const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
      const token = (await exchange(app, code)).body;
      const pending = new URL(
        (await decide(authorizePath(app), 'approve', who)).headers.get('location')!,
      ).searchParams.get('code')!;

      await server.ctx.services.oauth.revokeUserTokens(dave.userId);
      expect(
        (await server.client(token.access_token).get('/api/v1/accounts/verify_credentials')).status,
      ).toBe(401);
      expect((await exchange(app, pending)).body.error).toBe('invalid_grant');
      expect((await dave.client.get('/api/v1/accounts/verify_credentials')).status).toBe(200);
    });

    it('asks for the two-factor code on the sign-in page of a person who has it on', async () => {
      const gina = await createPerson(server, { password: PASSWORD });
      const setup = await gina.client.post('/api/roost/v1/two_factor/setup');
      const confirmed = await gina.client.post('/api/roost/v1/two_factor/confirm', { code: totp(setup.body.secret) });
      expect(confirmed.status).toBe(200);
      const who = new Browser(server.url);
      const app = await registerApp();
      const withoutCode = await signIn(who, authorizePath(app), gina.username);
      expect(withoutCode.status).toBe(401);
      expect(withoutCode.text).toContain('name="otp"');
      // The password alone opened no session: the consent page still asks to sign in.
      expect((await who.get(authorizePath(app))).text).toContain('action="/oauth/sign_in"');
      const wrong = await who.submit('/oauth/sign_in', {
        ...formFields(withoutCode.text),
        login: gina.username,
        password: PASSWORD,
        otp: totp(setup.body.secret) === '000000' ? '111111' : '000000',
      });
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('The two-factor code is not valid.');
      // The current code was just spent on enrolment (codes work once), so sign in with a recovery code.
      const right = await who.submit('/oauth/sign_in', {
        ...formFields(wrong.text),
        login: gina.username,
        password: PASSWORD,
        otp: confirmed.body.recovery_codes[0],
      });
      expect(right.status).toBe(303);
      expect((await who.get(authorizePath(app))).text).toContain('action="/oauth/authorize"');
    });

    it('revokes every app token when the person changes their password or is suspended', async () => {
      const frank = await createPerson(server, { password: PASSWORD });
      const who = new Browser(server.url);
      const app = await registerApp();
      await signIn(who, authorizePath(app), frank.username);
      const first = new URL(
        (await decide(authorizePath(app), 'approve', who)).headers.get('location')!,
      ).searchParams.get('code')!;
      const token = (await exchange(app, first)).body;
      const asApp = server.client(token.access_token);
      expect((await asApp.get('/api/v1/accounts/verify_credentials')).status).toBe(200);

      const session = await signInWithCookie(server, frank.username, PASSWORD);
      const changed = await session.post('/api/roost/v1/auth/password', {
        current_password: PASSWORD,
        new_password: 'a-brand-new-passphrase',
      });
      expect(changed.status).toBe(204);
      expect((await asApp.get('/api/v1/accounts/verify_credentials')).status).toBe(401);
      // The personal token made for scripts keeps working.
      expect((await frank.client.get('/api/v1/accounts/verify_credentials')).status).toBe(200);

      // The password change also ended the browser's session: sign in again with the new password.
      await signIn(who, authorizePath(app), frank.username, 'a-brand-new-passphrase');
      const second = new URL(
        (await decide(authorizePath(app), 'approve', who)).headers.get('location')!,
      ).searchParams.get('code')!;
      const again = (await exchange(app, second)).body;
      expect((await server.client(again.access_token).get('/api/v1/accounts/verify_credentials')).status).toBe(200);
      await server.ctx.services.accounts.adminUpdate(frank.accountId, { suspended: true });
      await server.ctx.services.accounts.adminUpdate(frank.accountId, { suspended: false });
      expect((await server.client(again.access_token).get('/api/v1/accounts/verify_credentials')).status).toBe(401);
    });

    it('stops a suspended person’s codes and refresh tokens from working', async () => {
      const erin = await createPerson(server, { password: PASSWORD });
      const who = new Browser(server.url);
      const app = await registerApp();
      await signIn(who, authorizePath(app), erin.username);
      const first = new URL(
        (await decide(authorizePath(app), 'approve', who)).headers.get('location')!,
      ).searchParams.get('code')!;
      const token = (await exchange(app, first)).body;
      const second = new URL(
        (await decide(authorizePath(app), 'approve', who)).headers.get('location')!,
      ).searchParams.get('code')!;
      await server.ctx.services.accounts.adminUpdate(erin.accountId, { suspended: true });
      expect((await exchange(app, second)).body.error).toBe('invalid_grant');
      const refreshed = await postJson(server, '/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
        client_id: app.client_id,
        client_secret: app.client_secret,
      });
      expect(refreshed.body.error).toBe('invalid_grant');
    });
  });

  describe('through the masto client library', () => {
    it('registers an app, signs in, and calls the API as Mastodon clients do', async () => {
      const { createOAuthAPIClient, createRestAPIClient } = await import('masto');
      const anonymous = createRestAPIClient({ url: server.url });
      const registered = await anonymous.v1.apps.create({
        clientName: 'Masto App',
        redirectUris: REDIRECT,
        scopes: 'read write',
        website: 'https://masto.example',
      });
      expect(registered.name).toBe('Masto App');
      const clientId = registered.clientId!;
      const clientSecret = registered.clientSecret!;

      const { verifier, challenge } = pkce();
      const answer = await decide(
        `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope: 'read write', code_challenge: challenge, code_challenge_method: 'S256' })}`,
        'approve',
      );
      const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;

      const oauth = createOAuthAPIClient({ url: server.url });
      const token = await oauth.token.create({
        grantType: 'authorization_code',
        clientId,
        clientSecret,
        redirectUri: REDIRECT,
        code,
        // Not in masto's types (it predates PKCE support); masto sends extra fields as snake_case.
        ...({ codeVerifier: verifier } as object),
      });
      expect(token.scope).toBe('read write');

      const masto = createRestAPIClient({ url: server.url, accessToken: token.accessToken });
      const me = await masto.v1.accounts.verifyCredentials();
      expect(me.username).toBe(alice.username);
      const app = await masto.v1.apps.verifyCredentials();
      expect(app.name).toBe('Masto App');
      const status = await masto.v1.statuses.create({ status: 'Posted through masto' });
      expect(status.content).toContain('Posted through masto');

      const appOnly = await oauth.token.create({
        grantType: 'client_credentials',
        clientId,
        clientSecret,
        redirectUri: REDIRECT,
        scope: 'read',
      });
      const appClient = createRestAPIClient({ url: server.url, accessToken: appOnly.accessToken });
      expect((await appClient.v1.apps.verifyCredentials()).name).toBe('Masto App');

      await oauth.revoke({ clientId, clientSecret, token: token.accessToken });
      await expect(masto.v1.accounts.verifyCredentials()).rejects.toMatchObject({ statusCode: 401 });
    });
  });
});
