import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const UPLOAD_LIMIT = 60_000;

function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .toBuffer();
}

/** Random pixels do not compress: a PNG far larger than the upload limit. */
function noisyPng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(Math.random() * 256);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

function avatarForm(
  bytes: Buffer,
  fields: Record<string, string> = {},
  type = 'image/png',
  name = 'me.png',
): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('avatar', new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}

describe.each(DIALECTS)('accounts and profiles (%s)', (dialect) => {
  let server: TestServer;
  let avatarsDir: string;
  let admin: TestPerson;
  beforeAll(async () => {
    server = await startTestServer(dialect, { ROOST_UPLOAD_LIMIT: String(UPLOAD_LIMIT) });
    avatarsDir = path.join(server.ctx.config.dataDir, 'media', 'avatars');
    admin = await createPerson(server, { username: 'boss', role: 'admin' });
  });
  afterAll(() => server.close());

  const storedAvatars = () => (fs.existsSync(avatarsDir) ? fs.readdirSync(avatarsDir) : []);

  it('verify_credentials gives the Mastodon CredentialAccount with source and roost fields', async () => {
    const me = await createPerson(server, {
      username: 'ada',
      displayName: 'Ada L',
      departmentName: 'Research',
      title: 'Analyst',
    });
    const res = await me.client.get('/api/v1/accounts/verify_credentials');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: String(me.accountId),
      username: 'ada',
      acct: 'ada',
      display_name: 'Ada L',
      locked: false,
      bot: false,
      discoverable: true,
      group: false,
      note: '',
      url: `${server.url}/@ada`,
      avatar: `${server.url}/media/avatars/default.png`,
      avatar_static: `${server.url}/media/avatars/default.png`,
      followers_count: 0,
      following_count: 0,
      statuses_count: 0,
      last_status_at: null,
      emojis: [],
      fields: [],
      source: {
        note: '',
        fields: [],
        privacy: 'public',
        sensitive: false,
        language: 'en',
        follow_requests_count: 0,
      },
      roost: {
        title: 'Analyst',
        manager: null,
        kind: 'person',
        role: 'member',
        email: 'ada@example.com',
        has_password: false,
      },
    });
    expect(res.body.roost.department.name).toBe('Research');
    expect(typeof res.body.roost.department.id).toBe('string');
    expect(new Date(res.body.created_at).toISOString()).toBe(res.body.created_at);
    expect(typeof res.body.header).toBe('string');
  });

  it('needs a signed-in person (401) with the read:accounts scope (403)', async () => {
    expect((await server.anonymous.get('/api/v1/accounts/verify_credentials')).status).toBe(401);
    const me = await createPerson(server);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read:statuses'],
    });
    const res = await server.client(secret).get('/api/v1/accounts/verify_credentials');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await server.client(secret).get(`/api/v1/accounts/${me.accountId}`)).status).toBe(403);
  });

  it('shows an account by id and by acct without private fields; unknown or malformed ids are 404', async () => {
    const viewer = await createPerson(server);
    const other = await createPerson(server, { username: 'Grace' });
    const byId = await viewer.client.get(`/api/v1/accounts/${other.accountId}`);
    expect(byId.status).toBe(200);
    expect(byId.body.username).toBe('Grace');
    expect(byId.body.source).toBeUndefined();
    expect(byId.body.roost.email).toBeUndefined();
    expect(byId.body.roost.role).toBeUndefined();
    for (const acct of ['grace', '@GRACE', `grace@${new URL(server.url).host}`]) {
      const res = await viewer.client.get(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(String(other.accountId));
    }
    expect((await viewer.client.get('/api/v1/accounts/lookup?acct=nobody')).status).toBe(404);
    expect((await viewer.client.get('/api/v1/accounts/99999999')).status).toBe(404);
    const malformed = await viewer.client.get('/api/v1/accounts/not-an-id');
    expect(malformed.status).toBe(404);
    expect(malformed.body.code).toBe('not_found');
  });

  it('updates display name, bio (rendered to safe HTML) and title from JSON', async () => {
    const me = await createPerson(server, { username: 'writer' });
    const res = await me.client.patch('/api/v1/accounts/update_credentials', {
      display_name: '  The Writer ',
      note: 'Hello <b>world</b>\nsecond line\n\nnew paragraph',
      title: 'Editor',
    });
    expect(res.status).toBe(200);
    expect(res.body.display_name).toBe('The Writer');
    expect(res.body.note).toBe('<p>Hello &lt;b&gt;world&lt;/b&gt;<br>second line</p><p>new paragraph</p>');
    expect(res.body.source.note).toBe('Hello <b>world</b>\nsecond line\n\nnew paragraph');
    expect(res.body.roost.title).toBe('Editor');
    const seen = await admin.client.get(`/api/v1/accounts/${me.accountId}`);
    expect(seen.body.display_name).toBe('The Writer');
  });

  it('updates from a form as Mastodon clients send it', async () => {
    const me = await createPerson(server, { username: 'former' });
    const res = await fetch(`${server.url}/api/v1/accounts/update_credentials`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'display_name=Form+Person&note=a+%26+b&locked=false&fields_attributes[0][name]=x',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.display_name).toBe('Form Person');
    expect(body.note).toBe('<p>a &amp; b</p>');
  });

  it('refuses a too-long display name or bio naming the field, changing nothing', async () => {
    const me = await createPerson(server, { username: 'verbose', displayName: 'Before' });
    const long = await me.client.patch('/api/v1/accounts/update_credentials', {
      display_name: 'x'.repeat(101),
      note: 'fine',
    });
    expect(long.status).toBe(400);
    expect(long.body.details.field).toBe('display_name');
    const bio = await me.client.patch('/api/v1/accounts/update_credentials', { note: 'y'.repeat(501) });
    expect(bio.status).toBe(400);
    expect(bio.body.details.field).toBe('note');
    const now = await me.client.get('/api/v1/accounts/verify_credentials');
    expect(now.body.display_name).toBe('Before');
    expect(now.body.source.note).toBe('');
    expect((await me.client.patch('/api/v1/accounts/update_credentials', { display_name: 42 })).status).toBe(
      400,
    );
  });

  it('uploads an avatar: stored as a 400×400 WebP, served immutable with nosniff; a new upload replaces the old file', async () => {
    const me = await createPerson(server, { username: 'pictured' });
    const before = storedAvatars().length;
    const res = await me.client.request(
      'PATCH',
      '/api/v1/accounts/update_credentials',
      avatarForm(await png(800, 500), { display_name: 'With Picture' }),
    );
    expect(res.status).toBe(200);
    expect(res.body.display_name).toBe('With Picture');
    expect(res.body.avatar).toMatch(new RegExp(`^${server.url}/media/avatars/[A-Za-z0-9_-]+\\.webp$`));
    expect(res.body.avatar_static).toBe(res.body.avatar);
    const file = await fetch(res.body.avatar);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/webp');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 400, 400]);
    expect(storedAvatars().length).toBe(before + 1);

    const first = path.basename(res.body.avatar);
    const second = await me.client.request(
      'PATCH',
      '/api/v1/accounts/update_credentials',
      avatarForm(await png(300, 300)),
    );
    expect(second.status).toBe(200);
    expect(path.basename(second.body.avatar)).not.toBe(first);
    expect(storedAvatars()).not.toContain(first);
    expect(storedAvatars().length).toBe(before + 1);
    expect((await fetch(res.body.avatar)).status).toBe(404);
  });

  it('rejects a non-image upload with 400 and an oversized one with 413, writing nothing', async () => {
    const me = await createPerson(server, { username: 'careless', displayName: 'Unchanged' });
    const before = storedAvatars().sort();
    const text = await me.client.request(
      'PATCH',
      '/api/v1/accounts/update_credentials',
      avatarForm(
        Buffer.from('this is not an image at all'),
        { display_name: 'Changed' },
        'image/png',
        'fake.png',
      ),
    );
    expect(text.status).toBe(400);
    expect(text.body.details.field).toBe('avatar');
    const big = await noisyPng(300, 300);
    expect(big.length).toBeGreaterThan(UPLOAD_LIMIT);
    const huge = await me.client.request(
      'PATCH',
      '/api/v1/accounts/update_credentials',
      avatarForm(big, { display_name: 'Changed' }),
    );
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('too_large');
    expect(storedAvatars().sort()).toEqual(before);
    const now = await me.client.get('/api/v1/accounts/verify_credentials');
    expect(now.body.display_name).toBe('Unchanged');
    expect(now.body.avatar).toBe(`${server.url}/media/avatars/default.png`);
  });

  it('serves a default avatar and refuses names outside the avatar store', async () => {
    const res = await fetch(`${server.url}/media/avatars/default.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('png');
    fs.writeFileSync(path.join(server.ctx.config.dataDir, 'secret.webp'), 'secret');
    for (const name of [
      '..%2Fsecret.webp',
      '..%2F..%2Froost.sqlite',
      '%2e%2e%2fsecret.webp',
      'nothing-stored-here-xxxxxxxx.webp',
      'x.png',
    ]) {
      const bad = await fetch(`${server.url}/media/avatars/${name}`);
      expect(bad.status).toBe(404);
      expect(bad.headers.get('content-type')).toMatch(/json/);
    }
  });

  it('hides suspended accounts from others (404) but not from admins', async () => {
    const viewer = await createPerson(server);
    const suspended = await createPerson(server, { username: 'gone' });
    const res = await admin.client.patch(`/api/roost/v1/accounts/${suspended.accountId}`, {
      suspended: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.suspended).toBe(true);
    expect((await viewer.client.get(`/api/v1/accounts/${suspended.accountId}`)).status).toBe(404);
    expect((await viewer.client.get('/api/v1/accounts/lookup?acct=gone')).status).toBe(404);
    expect((await admin.client.get(`/api/v1/accounts/${suspended.accountId}`)).status).toBe(200);
    // Their credentials stop working too.
    expect((await suspended.client.get('/api/v1/accounts/verify_credentials')).status).toBe(401);
    await admin.client.patch(`/api/roost/v1/accounts/${suspended.accountId}`, { suspended: false });
    expect((await viewer.client.get(`/api/v1/accounts/${suspended.accountId}`)).status).toBe(200);
  });
});

describe.each(DIALECTS)('departments and admin changes (%s)', (dialect) => {
  let server: TestServer;
  let admin: TestPerson;
  let member: TestPerson;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await createPerson(server, { username: 'chief', role: 'admin' });
    member = await createPerson(server, { username: 'staff' });
  });
  afterAll(() => server.close());

  it('lists departments with member counts; admins create them, members may not', async () => {
    const created = await admin.client.post('/api/roost/v1/departments', { name: '  Finance ' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'Finance', member_count: 0 });
    const duplicate = await admin.client.post('/api/roost/v1/departments', { name: 'finance' });
    expect(duplicate.status).toBe(409);
    expect((await admin.client.post('/api/roost/v1/departments', { name: '' })).body.details.field).toBe(
      'name',
    );
    const refused = await member.client.post('/api/roost/v1/departments', { name: 'Shadow IT' });
    expect(refused.status).toBe(403);
    await createPerson(server, { departmentName: 'Finance' });
    await createPerson(server, { departmentName: 'Finance' });
    const list = await member.client.get('/api/roost/v1/departments');
    expect(list.status).toBe(200);
    expect(list.body.find((d: { name: string }) => d.name === 'Finance')).toEqual({
      id: created.body.id,
      name: 'Finance',
      member_count: 2,
    });
    expect(list.body.some((d: { name: string }) => d.name === 'Shadow IT')).toBe(false);
    expect((await server.anonymous.get('/api/roost/v1/departments')).status).toBe(401);
  });

  it('lets admins set department, title and manager, shown on the account', async () => {
    const dept = await admin.client.post('/api/roost/v1/departments', { name: 'Legal' });
    const manager = await createPerson(server, { username: 'manager', displayName: 'Mona Manager' });
    const report = await createPerson(server, { username: 'report' });
    const res = await admin.client.patch(`/api/roost/v1/accounts/${report.accountId}`, {
      department_id: dept.body.id,
      title: 'Counsel',
      manager_id: String(manager.accountId),
    });
    expect(res.status).toBe(200);
    expect(res.body.roost).toEqual({
      department: { id: dept.body.id, name: 'Legal' },
      title: 'Counsel',
      manager: { id: String(manager.accountId), username: 'manager', display_name: 'Mona Manager' },
      kind: 'person',
    });
    const cleared = await admin.client.patch(`/api/roost/v1/accounts/${report.accountId}`, {
      department_id: null,
      manager_id: null,
    });
    expect(cleared.body.roost.department).toBeNull();
    expect(cleared.body.roost.manager).toBeNull();
    expect(cleared.body.roost.title).toBe('Counsel');
  });

  it('refuses unknown departments and managers, and management cycles, naming the field and changing nothing', async () => {
    const a = await createPerson(server, { username: 'ceo' });
    const b = await createPerson(server, { username: 'vp' });
    const c = await createPerson(server, { username: 'lead' });
    expect(
      (await admin.client.patch(`/api/roost/v1/accounts/${b.accountId}`, { manager_id: String(a.accountId) }))
        .status,
    ).toBe(200);
    expect(
      (await admin.client.patch(`/api/roost/v1/accounts/${c.accountId}`, { manager_id: String(b.accountId) }))
        .status,
    ).toBe(200);
    const cycle = await admin.client.patch(`/api/roost/v1/accounts/${a.accountId}`, {
      manager_id: String(c.accountId),
      title: 'Boss',
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.details.field).toBe('manager_id');
    const self = await admin.client.patch(`/api/roost/v1/accounts/${a.accountId}`, {
      manager_id: String(a.accountId),
    });
    expect(self.body.details.field).toBe('manager_id');
    const unknownManager = await admin.client.patch(`/api/roost/v1/accounts/${a.accountId}`, {
      manager_id: '12345',
    });
    expect(unknownManager.body.details.field).toBe('manager_id');
    const unknownDept = await admin.client.patch(`/api/roost/v1/accounts/${a.accountId}`, {
      department_id: '12345',
    });
    expect(unknownDept.status).toBe(400);
    expect(unknownDept.body.details.field).toBe('department_id');
    const shown = await admin.client.get(`/api/v1/accounts/${a.accountId}`);
    expect(shown.body.roost.manager).toBeNull();
    expect(shown.body.roost.title).toBe('');
    expect((await admin.client.patch('/api/roost/v1/accounts/99999999', { title: 'x' })).status).toBe(404);
  });

  it('lets only admins change people: members get 403, and roles change with the last admin kept', async () => {
    const target = await createPerson(server, { username: 'promoted' });
    expect(
      (await member.client.patch(`/api/roost/v1/accounts/${target.accountId}`, { title: 'CEO' })).status,
    ).toBe(403);
    expect(
      (await server.anonymous.patch(`/api/roost/v1/accounts/${target.accountId}`, { title: 'CEO' })).status,
    ).toBe(401);
    expect(
      (await admin.client.patch(`/api/roost/v1/accounts/${target.accountId}`, { role: 'moderator' })).status,
    ).toBe(200);
    expect((await target.client.get('/api/v1/accounts/verify_credentials')).body.roost.role).toBe(
      'moderator',
    );
    const bad = await admin.client.patch(`/api/roost/v1/accounts/${target.accountId}`, { role: 'emperor' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('role');
    const last = await admin.client.patch(`/api/roost/v1/accounts/${admin.accountId}`, { role: 'member' });
    expect(last.status).toBe(422);
    expect((await admin.client.get('/api/v1/accounts/verify_credentials')).body.roost.role).toBe('admin');
  });
});
