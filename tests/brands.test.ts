import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrand, person, type BrandFixture, type Staff } from './helpers/brand-setup.js';
import { DIALECTS } from './helpers/dialects.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('brand accounts (%s)', (dialect) => {
  let server: TestServer;
  let admin: Staff;
  let owner: Staff;
  let contributor: Staff;
  let outsider: Staff;
  let brand: BrandFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await person(server, { role: 'admin' });
    owner = await person(server);
    contributor = await person(server);
    outsider = await person(server);
    brand = await createBrand(admin.client, {
      username: `northwind_${dialect}`,
      members: [
        [owner, ['owner', 'publisher']],
        [contributor, ['contributor']],
      ],
    });
  });
  afterAll(() => server?.close());

  it('lets admins create a brand account with an account of kind brand and no login', async () => {
    const created = await admin.client.post('/api/roost/v1/brands', {
      username: `kitchen_${dialect}`,
      display_name: 'Kitchen Co',
      colour: '#FF8800',
      external: true,
      undo_window_seconds: 90,
      owner_ids: [owner.accountId],
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      username: `kitchen_${dialect}`,
      display_name: 'Kitchen Co',
      colour: '#ff8800',
      external: true,
      undo_window_seconds: 90,
      require_two_factor: true,
      paused: false,
    });
    const account = await owner.client.get(`/api/v1/accounts/${created.body.account_id}`);
    expect(account.body.roost.kind).toBe('brand');
    // No user row: nobody can sign in as the brand.
    const signIn = await server.anonymous.post('/api/roost/v1/auth/sign_in', {
      login: `kitchen_${dialect}`,
      password: 'anything at all',
    });
    expect(signIn.status).toBe(401);
    const members = await owner.client.get(`/api/roost/v1/brands/${created.body.id}/members`);
    expect(members.body).toEqual([
      expect.objectContaining({ account_id: String(owner.accountId), roles: ['owner'] }),
    ]);
  });

  it('uses the default undo window of 60 seconds', async () => {
    const created = await admin.client.post('/api/roost/v1/brands', {
      username: `defaults_${dialect}`,
      display_name: 'Defaults',
    });
    expect(created.body.undo_window_seconds).toBe(60);
    expect(created.body.external).toBe(false);
  });

  it('refuses brand creation to non-admins (403) and to nobody (401)', async () => {
    expect(
      (await owner.client.post('/api/roost/v1/brands', { username: 'nope', display_name: 'Nope' })).status,
    ).toBe(403);
    expect(
      (await server.anonymous.post('/api/roost/v1/brands', { username: 'nope', display_name: 'Nope' }))
        .status,
    ).toBe(401);
  });

  it('answers bad input with 400 naming the field and writes nothing', async () => {
    const before = await admin.client.get('/api/roost/v1/brands?all=true');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ username: 'has space', display_name: 'X' }, 'username'],
      [{ username: `ok_${dialect}_c`, display_name: 'X', colour: 'red' }, 'colour'],
      [{ username: `ok_${dialect}_u`, display_name: 'X', undo_window_seconds: -1 }, 'undo_window_seconds'],
      [{ username: `ok_${dialect}_o`, display_name: 'X', owner_ids: ['123'] }, 'owner_ids.0'],
      [{ display_name: 'X' }, 'username'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.client.post('/api/roost/v1/brands', body);
      expect(res.status, field).toBe(400);
      expect(res.body.details.field).toBe(field);
    }
    const taken = await admin.client.post('/api/roost/v1/brands', {
      username: owner.username,
      display_name: 'Taken',
    });
    expect(taken.status).toBe(409);
    const after = await admin.client.get('/api/roost/v1/brands?all=true');
    expect(after.body.length).toBe(before.body.length);
  });

  it('lists my brands; admins may list all', async () => {
    const mine = await contributor.client.get('/api/roost/v1/brands');
    expect(mine.body.map((b: { id: string }) => b.id)).toEqual([brand.id]);
    expect(mine.body[0].roles).toEqual(['contributor']);
    expect(mine.body[0].can).toMatchObject({ write_drafts: true, publish: false, manage_members: false });
    expect((await outsider.client.get('/api/roost/v1/brands')).body).toEqual([]);
    const all = await admin.client.get('/api/roost/v1/brands?all=true');
    expect(all.body.map((b: { id: string }) => b.id)).toContain(brand.id);
    // Asking for all as a non-admin lists only one's own.
    expect((await outsider.client.get('/api/roost/v1/brands?all=true')).body).toEqual([]);
  });

  it('hides a brand from non-members with 404, shows it to members and admins', async () => {
    expect((await outsider.client.get(`/api/roost/v1/brands/${brand.id}`)).status).toBe(404);
    expect((await outsider.client.get(`/api/roost/v1/brands/${brand.id}/members`)).status).toBe(404);
    expect((await outsider.client.get(`/api/roost/v1/brands/${brand.id}/drafts`)).status).toBe(404);
    expect((await contributor.client.get(`/api/roost/v1/brands/${brand.id}`)).status).toBe(200);
    expect((await admin.client.get(`/api/roost/v1/brands/${brand.id}`)).status).toBe(200);
    expect((await admin.client.get('/api/roost/v1/brands/999999999')).status).toBe(404);
    expect((await server.anonymous.get(`/api/roost/v1/brands/${brand.id}`)).status).toBe(401);
    expect((await admin.client.get('/api/roost/v1/brands/abc')).status).toBe(400);
  });

  it('lets owners manage members; others get 403; the last owner stays', async () => {
    const denied = await contributor.client.put(
      `/api/roost/v1/brands/${brand.id}/members/${outsider.accountId}`,
      { roles: ['contributor'] },
    );
    expect(denied.status).toBe(403);
    const added = await owner.client.put(`/api/roost/v1/brands/${brand.id}/members/${outsider.accountId}`, {
      roles: ['approver', 'contributor'],
    });
    expect(added.status).toBe(200);
    expect(added.body.roles).toEqual(['contributor', 'approver']);
    expect((await outsider.client.get(`/api/roost/v1/brands/${brand.id}`)).status).toBe(200);
    expect(
      (await owner.client.delete(`/api/roost/v1/brands/${brand.id}/members/${outsider.accountId}`)).status,
    ).toBe(204);
    expect((await outsider.client.get(`/api/roost/v1/brands/${brand.id}`)).status).toBe(404);
    const lastOwner = await owner.client.put(`/api/roost/v1/brands/${brand.id}/members/${owner.accountId}`, {
      roles: ['publisher'],
    });
    expect(lastOwner.status).toBe(409);
    const badRole = await owner.client.put(`/api/roost/v1/brands/${brand.id}/members/${outsider.accountId}`, {
      roles: ['king'],
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.details.field).toBe('roles.0');
    const nobody = await owner.client.put(`/api/roost/v1/brands/${brand.id}/members/123456`, {
      roles: ['approver'],
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.details.field).toBe('account_id');
    // A brand is not a person and cannot be a member.
    const brandMember = await owner.client.put(
      `/api/roost/v1/brands/${brand.id}/members/${brand.accountId}`,
      { roles: ['approver'] },
    );
    expect(brandMember.status).toBe(400);
  });

  it('lets owners change settings; only admins decide whether a brand is external', async () => {
    const changed = await owner.client.patch(`/api/roost/v1/brands/${brand.id}`, {
      colour: '#123abc',
      undo_window_seconds: 30,
      display_name: 'Northwind Labs',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      colour: '#123abc',
      undo_window_seconds: 30,
      display_name: 'Northwind Labs',
    });
    expect((await owner.client.patch(`/api/roost/v1/brands/${brand.id}`, { external: true })).status).toBe(
      403,
    );
    expect(
      (await contributor.client.patch(`/api/roost/v1/brands/${brand.id}`, { colour: '#000000' })).status,
    ).toBe(403);
    const external = await admin.client.patch(`/api/roost/v1/brands/${brand.id}`, { external: true });
    expect(external.body.external).toBe(true);
    await admin.client.patch(`/api/roost/v1/brands/${brand.id}`, { external: false });
  });

  it('stores a workflow with ordered and conditional steps, and validates it', async () => {
    const legal = await admin.client.post('/api/roost/v1/departments', { name: `Legal ${dialect}` });
    const workflow = {
      steps: [
        { name: 'Editor', approvers: { roles: ['approver'] }, quorum: 'any' },
        {
          id: 'legal',
          name: 'Legal',
          approvers: { departments: [legal.body.id] },
          quorum: 1,
          when: { screening_categories: ['confidential', 'personal_data'] },
        },
        { name: 'Owners', approvers: { roles: ['owner'], people: [owner.accountId] }, quorum: 'all' },
      ],
    };
    const saved = await owner.client.put(`/api/roost/v1/brands/${brand.id}/workflow`, workflow);
    expect(saved.status).toBe(200);
    expect(saved.body.steps.map((s: { id: string }) => s.id)).toEqual(['editor', 'legal', 'owners']);
    expect(saved.body.steps[1].when).toEqual({ screening_categories: ['confidential', 'personal'] });
    expect(saved.body.steps[2].approvers.people).toEqual([String(owner.accountId)]);
    expect((await contributor.client.get(`/api/roost/v1/brands/${brand.id}/workflow`)).body).toEqual(
      saved.body,
    );

    const bad: Array<[unknown, string]> = [
      [{ steps: [{ name: 'Nobody', approvers: {} }] }, 'steps.0.approvers'],
      [{ steps: [{ name: 'Ghost', approvers: { people: ['424242'] } }] }, 'steps.0.approvers.people.0'],
      [
        { steps: [{ name: 'Dept', approvers: { departments: ['424242'] } }] },
        'steps.0.approvers.departments.0',
      ],
      [{ steps: [{ id: 'screening-review', name: 'Mine', approvers: { roles: ['owner'] } }] }, 'steps.0.id'],
      [
        {
          steps: [
            { name: 'A', approvers: { roles: ['owner'] } },
            { name: 'A', approvers: { roles: ['owner'] } },
          ],
        },
        'steps.1.id',
      ],
      [
        {
          steps: [
            { name: 'When', approvers: { roles: ['owner'] }, when: { screening_categories: ['gossip'] } },
          ],
        },
        'steps.0.when.screening_categories.0',
      ],
      [{ steps: [{ name: 'Q', approvers: { roles: ['owner'] }, quorum: 0 }] }, 'steps.0.quorum'],
    ];
    for (const [body, field] of bad) {
      const res = await owner.client.put(`/api/roost/v1/brands/${brand.id}/workflow`, body);
      expect(res.status, field).toBe(400);
      expect(res.body.details.field).toBe(field);
    }
    expect((await contributor.client.put(`/api/roost/v1/brands/${brand.id}/workflow`, workflow)).status).toBe(
      403,
    );
    expect((await owner.client.get(`/api/roost/v1/brands/${brand.id}/workflow`)).body).toEqual(saved.body);
    await owner.client.put(`/api/roost/v1/brands/${brand.id}/workflow`, {
      steps: [{ id: 'review', name: 'Review', approvers: { roles: ['approver'] } }],
    });
  });

  it('never lets a personal token post as a brand through the Mastodon API', async () => {
    const posted = await owner.client.post('/api/v1/statuses', { status: 'Posting from my own account' });
    expect(posted.status).toBe(200);
    expect(posted.body.account.id).toBe(String(owner.accountId));
    const brandAccount = await owner.client.get(`/api/v1/accounts/${brand.accountId}`);
    expect(brandAccount.body.statuses_count).toBe(0);
    // There is no parameter that names another author; unknown fields change nothing.
    const sneaky = await owner.client.post('/api/v1/statuses', {
      status: 'As the brand?',
      account_id: brand.accountId,
    });
    expect(sneaky.body.account.id).toBe(String(owner.accountId));
  });

  it('requires write:statuses to act and read:statuses to read', async () => {
    const readOnly = await server.ctx.services.credentials.createAccessToken(contributor.userId, {
      scopes: ['read:accounts'],
    });
    const client = server.client(readOnly.secret);
    expect((await client.get('/api/roost/v1/brands')).status).toBe(403);
    const reader = await server.ctx.services.credentials.createAccessToken(contributor.userId, {
      scopes: ['read'],
    });
    expect((await server.client(reader.secret).get('/api/roost/v1/brands')).status).toBe(200);
    expect(
      (await server.client(reader.secret).post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: 'x' }))
        .status,
    ).toBe(403);
  });
});
