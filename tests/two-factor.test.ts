import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../src/services/two-factor/totp.js';
import { createBrand, enableTwoFactor, nextCode, person, type Staff } from './helpers/brand-setup.js';
import { DIALECTS } from './helpers/dialects.js';
import { sessionCookieFrom } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('two-factor sign-in (%s)', (dialect) => {
  let server: TestServer;
  let admin: Staff;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await person(server, { role: 'admin' });
  });
  afterAll(() => server?.close());

  const signIn = (login: string, password: string, otp?: string) =>
    fetch(`${server.url}/api/roost/v1/auth/sign_in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password, ...(otp === undefined ? {} : { otp }) }),
    });

  it('enrols with a TOTP secret and a confirming code, and hands out ten recovery codes once', async () => {
    const jane = await person(server, { password: 'correct horse battery' });
    expect((await jane.client.get('/api/roost/v1/two_factor')).body).toEqual({
      enabled: false,
      pending: false,
      recovery_codes_left: 0,
    });
    const setup = await jane.client.post('/api/roost/v1/two_factor/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.uri).toMatch(
      new RegExp(
        `^otpauth://totp/Roost:${jane.username}%40127\\.0\\.0\\.1%3A\\d+\\?secret=${setup.body.secret}&issuer=Roost&algorithm=SHA1&digits=6&period=30$`,
      ),
    );
    expect((await jane.client.get('/api/roost/v1/two_factor')).body.pending).toBe(true);
    const wrong = await jane.client.post('/api/roost/v1/two_factor/confirm', {
      code: '000000' === totp(setup.body.secret) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.field).toBe('code');
    const confirmed = await jane.client.post('/api/roost/v1/two_factor/confirm', {
      code: totp(setup.body.secret),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recovery_codes).toHaveLength(10);
    expect(new Set(confirmed.body.recovery_codes).size).toBe(10);
    expect((await jane.client.get('/api/roost/v1/two_factor')).body).toEqual({
      enabled: true,
      pending: false,
      recovery_codes_left: 10,
    });
    expect((await jane.client.post('/api/roost/v1/two_factor/setup')).status).toBe(409);
    expect(
      (await jane.client.post('/api/roost/v1/two_factor/confirm', { code: totp(setup.body.secret) })).status,
    ).toBe(409);
  });

  it('asks for the code at sign-in, refuses a wrong or replayed one, and takes a recovery code once', async () => {
    const sam = await person(server, { password: 'correct horse battery' });
    const { secret, recoveryCodes } = await enableTwoFactor(sam.client);

    const without = await signIn(sam.username, 'correct horse battery');
    expect(without.status).toBe(401);
    expect((await without.json()).code).toBe('otp_required');
    expect(without.headers.getSetCookie()).toEqual([]);

    const wrongPassword = await signIn(sam.username, 'wrong password', nextCode(secret));
    expect(wrongPassword.status).toBe(401);
    expect((await wrongPassword.json()).code).toBe('unauthorized');

    const wrongCode = await signIn(
      sam.username,
      'correct horse battery',
      nextCode(secret) === '123456' ? '654321' : '123456',
    );
    expect(wrongCode.status).toBe(401);
    expect((await wrongCode.json()).code).toBe('unauthorized');
    expect(wrongCode.headers.getSetCookie()).toEqual([]);

    const code = nextCode(secret);
    const ok = await signIn(sam.username, 'correct horse battery', code);
    expect(ok.status).toBe(200);
    const cookie = sessionCookieFrom(ok.headers);
    const session = await fetch(`${server.url}/api/roost/v1/auth/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    // A code is good for one sign-in only.
    expect((await signIn(sam.username, 'correct horse battery', code)).status).toBe(401);

    const recovery = recoveryCodes[0]!;
    expect((await signIn(sam.username, 'correct horse battery', recovery.toUpperCase())).status).toBe(200);
    expect((await signIn(sam.username, 'correct horse battery', recovery)).status).toBe(401);
    expect((await sam.client.get('/api/roost/v1/two_factor')).body.recovery_codes_left).toBe(9);
  });

  it('turns off only with a valid code or recovery code', async () => {
    const kim = await person(server, { password: 'correct horse battery' });
    const { recoveryCodes } = await enableTwoFactor(kim.client);
    const bad = await kim.client.post('/api/roost/v1/two_factor/disable', {
      recovery_code: 'aaaa-bbbb-cccc',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('recovery_code');
    expect(
      (await kim.client.post('/api/roost/v1/two_factor/disable', { recovery_code: recoveryCodes[3] })).status,
    ).toBe(204);
    expect((await kim.client.get('/api/roost/v1/two_factor')).body.enabled).toBe(false);
    expect((await signIn(kim.username, 'correct horse battery')).status).toBe(200);
    expect((await kim.client.post('/api/roost/v1/two_factor/disable', { code: '123456' })).status).toBe(409);
    const audit = await admin.client.get(`/api/roost/v1/audit?actor_id=${kim.accountId}`);
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual([
      'two_factor.disable',
      'two_factor.enable',
    ]);
  });

  it('needs a signed-in person', async () => {
    expect((await server.anonymous.get('/api/roost/v1/two_factor')).status).toBe(401);
    expect((await server.anonymous.post('/api/roost/v1/two_factor/setup')).status).toBe(401);
  });

  it('requires two-factor sign-in of everyone acting on an external brand, unless an owner relaxes it (audited)', async () => {
    await enableTwoFactor(admin.client);
    const owner = await person(server, { twoFactor: true });
    const writer = await person(server);
    const brand = await createBrand(admin.client, {
      external: true,
      members: [
        [owner, ['owner']],
        [writer, ['contributor']],
      ],
    });
    // Reading is fine; acting is not.
    expect((await writer.client.get(`/api/roost/v1/brands/${brand.id}`)).body.two_factor_needed).toBe(true);
    const refused = await writer.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, {
      status: 'Hello world',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('two_factor_required');
    await enableTwoFactor(writer.client);
    expect(
      (await writer.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: 'Hello world' })).status,
    ).toBe(200);

    const other = await person(server);
    await admin.client.put(`/api/roost/v1/brands/${brand.id}/members/${other.accountId}`, {
      roles: ['contributor'],
    });
    expect(
      (await other.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: 'x' })).body.code,
    ).toBe('two_factor_required');
    const noReason = await owner.client.patch(`/api/roost/v1/brands/${brand.id}`, {
      require_two_factor: false,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.field).toBe('reason');
    const relaxed = await owner.client.patch(`/api/roost/v1/brands/${brand.id}`, {
      require_two_factor: false,
      reason: 'Agency staff use hardware-less kiosks this week',
    });
    expect(relaxed.status).toBe(200);
    expect(relaxed.body.require_two_factor).toBe(false);
    expect((await other.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: 'x' })).status).toBe(
      200,
    );
    const audit = await admin.client.get(
      `/api/roost/v1/audit?brand_id=${brand.id}&action=brand.two_factor_relaxed`,
    );
    expect(audit.body).toEqual([
      expect.objectContaining({
        actor_id: String(owner.accountId),
        reason: 'Agency staff use hardware-less kiosks this week',
        before: expect.objectContaining({ require_two_factor: true }),
        after: expect.objectContaining({ require_two_factor: false }),
      }),
    ]);
  });
});
