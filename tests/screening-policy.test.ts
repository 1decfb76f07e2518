/**
 * The versioned screening policy through the admin API: reading the default, saving versions,
 * history with who changed what, validation naming the field, export and import, and a new
 * version taking effect on the next post — also when another process saved it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/screening/index.js';
import { ScreeningService } from '../src/services/screening/screening-service.js';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const POLICY = '/api/roost/v1/screening/policy';

describe.each(DIALECTS)('screening policy (%s)', (dialect) => {
  let server: TestServer;
  let admin: TestPerson;
  let member: TestPerson;
  let moderator: TestPerson;

  async function versionCount(): Promise<number> {
    const row = await server.ctx.database.db
      .selectFrom('screening_policies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await createPerson(server, { username: 'policyadmin', role: 'admin' });
    member = await createPerson(server, { username: 'plainmember' });
    moderator = await createPerson(server, { username: 'somemoderator', role: 'moderator' });
  });
  afterAll(() => server.close());

  it('answers the built-in default as version 0 before anything is saved', async () => {
    const res = await admin.client.get(POLICY);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 0, created_at: null, created_by: null });
    expect(res.body.document).toEqual(defaultPolicy());
  });

  it('is for admins only: 401 signed out, 403 JSON for others and for tokens without admin scopes', async () => {
    expect((await server.anonymous.get(POLICY)).status).toBe(401);
    for (const person of [member, moderator]) {
      const read = await person.client.get(POLICY);
      expect(read.status).toBe(403);
      expect(read.body.code).toBe('forbidden');
      const write = await person.client.put(POLICY, { document: defaultPolicy() });
      expect(write.status).toBe(403);
      expect((await person.client.get(`${POLICY}/versions`)).status).toBe(403);
      expect((await person.client.get(`${POLICY}/export`)).status).toBe(403);
      expect((await person.client.post(`${POLICY}/import`, defaultPolicy())).status).toBe(403);
    }
    const { secret } = await server.ctx.services.credentials.createAccessToken(admin.userId, {
      scopes: ['read', 'write'],
      name: 'no admin',
    });
    const scoped = server.client(secret);
    expect((await scoped.get(POLICY)).status).toBe(403);
    expect((await scoped.put(POLICY, { document: defaultPolicy() })).status).toBe(403);
    expect(await versionCount()).toBe(0);
  });

  it('saves versions, and a new codename takes effect on the next post', async () => {
    const codename = 'Bluejay';
    const before = await member.client.post('/api/v1/statuses', { status: `${codename} demo went well` });
    expect(before.status).toBe(200);

    const first = defaultPolicy();
    first.lists.codenames = [codename];
    first.rules.internal['confidential.codename'] = 'review';
    const saved = await admin.client.put(POLICY, { document: first, note: 'Add Bluejay' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      note: 'Add Bluejay',
      created_by: { id: String(admin.accountId), username: 'policyadmin' },
    });

    const held = await member.client.post('/api/v1/statuses', { status: `${codename} demo went well` });
    expect(held.status).toBe(200);
    expect(held.body.roost.moderation).toMatchObject({
      state: 'held',
      policy_version: 1,
      findings: [expect.objectContaining({ rule: 'confidential.codename', excerpt: codename })],
    });

    const second = structuredClone(first);
    second.lists.blockedTerms = ['synergy'];
    const again = await admin.client.put(POLICY, { document: second, note: 'No more synergy' });
    expect(again.body.version).toBe(2);
    const blocked = await member.client.post('/api/v1/statuses', { status: 'Pure synergy' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.code).toBe('screening_blocked');

    const current = await admin.client.get(POLICY);
    expect(current.body).toMatchObject({ version: 2, note: 'No more synergy', document: second });
  });

  it('lists who changed what and when, newest first', async () => {
    const res = await admin.client.get(`${POLICY}/versions`);
    expect(res.status).toBe(200);
    expect(res.body.map((v: any) => v.version)).toEqual([2, 1]);
    const [v2, v1] = res.body;
    expect(v2).toMatchObject({ note: 'No more synergy', created_by: { username: 'policyadmin' } });
    expect(Date.parse(v2.created_at)).toBeGreaterThan(0);
    expect(v2.changes.lists).toEqual([{ list: 'blockedTerms', added: ['synergy'], removed: [] }]);
    expect(v1.changes.lists).toEqual([{ list: 'codenames', added: ['Bluejay'], removed: [] }]);
    expect(v1.changes.rules).toEqual([
      { audience: 'internal', rule: 'confidential.codename', from: 'allow', to: 'review' },
    ]);

    const one = await admin.client.get(`${POLICY}/versions/1`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      version: 1,
      note: 'Add Bluejay',
      document: { lists: { codenames: ['Bluejay'], blockedTerms: [] } },
    });
    expect((await admin.client.get(`${POLICY}/versions/0`)).body.document).toEqual(defaultPolicy());
    expect((await admin.client.get(`${POLICY}/versions/99`)).status).toBe(404);
    expect((await admin.client.get(`${POLICY}/versions/abc`)).status).toBe(404);
  });

  it('refuses an invalid document with a 400 naming the field and saves nothing', async () => {
    const count = await versionCount();
    const bad = defaultPolicy() as any;
    bad.lists.codenames = ['Fine', 42];
    const res = await admin.client.put(POLICY, { document: bad });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details.field).toBe('document.lists.codenames[1]');
    expect(res.body.error).toMatch(/^document\.lists\.codenames\[1\]: /);

    const badAction = await admin.client.put(POLICY, {
      document: { version: 1, rules: { internal: { 'personal.card': 'shrug' } } },
    });
    expect(badAction.status).toBe(400);
    expect(badAction.body.details.field).toBe('document.rules.internal.personal.card');
    const unknown = await admin.client.put(POLICY, { document: { version: 1, colour: 'blue' } });
    expect(unknown.body.details.field).toBe('document.colour');
    const missing = await admin.client.put(POLICY, { note: 'nothing' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.field).toBe('document');
    const notObject = await admin.client.put(POLICY, { document: 'yes' });
    expect(notObject.body.details.field).toBe('document');
    expect(await versionCount()).toBe(count);
  });

  it('exports the document as a download and imports it back as a new version', async () => {
    const res = await fetch(`${server.url}${POLICY}/export`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="roost-screening-policy-v2.json"',
    );
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const exported = (await res.json()) as any;
    expect(exported.lists.blockedTerms).toEqual(['synergy']);

    const older = await fetch(`${server.url}${POLICY}/export?version=1`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(((await older.json()) as any).lists.blockedTerms).toEqual([]);

    exported.lists.crisisTerms = ['Hurricane Delia'];
    const imported = await admin.client.post(`${POLICY}/import?note=From%20file`, exported);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      version: 3,
      note: 'From file',
      document: { lists: { crisisTerms: ['Hurricane Delia'] } },
    });
    const wrapped = await admin.client.post(`${POLICY}/import`, { document: exported, note: 'Wrapped' });
    expect(wrapped.body).toMatchObject({ version: 4, note: 'Wrapped' });
    const invalid = await admin.client.post(`${POLICY}/import`, { version: 2 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.field).toBe('document.version');
    expect(await versionCount()).toBe(4);
  });

  it('takes effect within about a second when another process saves a version', async () => {
    // A second service on the same database stands in for another Roost process.
    const other = new ScreeningService(server.ctx.database);
    const doc = (await admin.client.get(POLICY)).body.document;
    doc.lists.blockedTerms = [...doc.lists.blockedTerms, 'moonshot'];
    // Make sure this process has the current version cached before the other one writes.
    expect(
      (await member.client.post('/api/roost/v1/screening/check', { text: 'moonshot' })).body.action,
    ).toBe('allow');
    const written = Date.now();
    const saved = await other.update({ userId: admin.userId, accountId: admin.accountId }, doc, 'elsewhere');
    expect(saved.version).toBe(5);
    await expect
      .poll(
        async () =>
          (await member.client.post('/api/roost/v1/screening/check', { text: 'moonshot' })).body.action,
        {
          timeout: 3000,
          interval: 50,
        },
      )
      .toBe('block');
    expect(Date.now() - written).toBeLessThan(2500);
    const refused = await member.client.post('/api/v1/statuses', { status: 'Our moonshot' });
    expect(refused.body.code).toBe('screening_blocked');
  });
});
