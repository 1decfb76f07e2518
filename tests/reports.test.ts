import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('reports (%s)', (dialect) => {
  let server: TestServer;
  let reporter: TestPerson;
  let target: TestPerson;
  let moderator: TestPerson;
  let admin: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [reporter, target, moderator, admin] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server, { role: 'moderator' }),
      createPerson(server, { role: 'admin' }),
    ]);
  });
  afterAll(() => server.close());

  async function reportCount(): Promise<number> {
    const row = await server.ctx.database.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('files a report about a person and their posts, answering Mastodon’s Report', async () => {
    const post = (await target.client.post('/api/v1/statuses', { status: 'buy my stuff' })).body.id;
    const res = await reporter.client.post('/api/v1/reports', {
      account_id: String(target.accountId),
      status_ids: [post],
      comment: 'Spam account',
      category: 'spam',
      forward: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      action_taken: false,
      action_taken_at: null,
      category: 'spam',
      comment: 'Spam account',
      forwarded: false,
      status_ids: [post],
      rule_ids: null,
      target_account: { id: String(target.accountId), username: target.username },
    });
    expect(Date.parse(res.body.created_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('accepts a form with status_ids[] and defaults to "other"', async () => {
    const post = (await target.client.post('/api/v1/statuses', { status: 'hmm' })).body.id;
    const response = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${reporter.token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `account_id=${target.accountId}&status_ids[]=${post}`,
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ category: 'other', comment: '', status_ids: [post] });
  });

  it('refuses unknown people, other people’s or hidden posts, rules that do not exist and oneself — writing nothing', async () => {
    const before = await reportCount();
    const bystander = await createPerson(server);
    const notTheirs = (await bystander.client.post('/api/v1/statuses', { status: 'mine' })).body.id;
    const hidden = (await target.client.post('/api/v1/statuses', { status: 'secret', visibility: 'private' }))
      .body.id;

    expect((await reporter.client.post('/api/v1/reports', { account_id: '123456789' })).status).toBe(404);
    expect(
      (
        await reporter.client.post('/api/v1/reports', {
          account_id: String(target.accountId),
          status_ids: [notTheirs],
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await reporter.client.post('/api/v1/reports', {
          account_id: String(target.accountId),
          status_ids: [hidden],
        })
      ).status,
    ).toBe(404);
    const rules = await reporter.client.post('/api/v1/reports', {
      account_id: String(target.accountId),
      rule_ids: ['1'],
    });
    expect(rules.status).toBe(422);
    expect(rules.body.details.field).toBe('rule_ids');
    const violation = await reporter.client.post('/api/v1/reports', {
      account_id: String(target.accountId),
      category: 'violation',
    });
    expect(violation.status).toBe(422);
    const self = await reporter.client.post('/api/v1/reports', { account_id: String(reporter.accountId) });
    expect(self.status).toBe(422);
    expect(self.body.details.field).toBe('account_id');
    const long = await reporter.client.post('/api/v1/reports', {
      account_id: String(target.accountId),
      comment: 'x'.repeat(1001),
    });
    expect(long.status).toBe(422);
    expect(long.body.details.field).toBe('comment');
    const category = await reporter.client.post('/api/v1/reports', {
      account_id: String(target.accountId),
      category: 'boring',
    });
    expect(category.status).toBe(400);
    expect(category.body.details.field).toBe('category');
    const missing = await reporter.client.post('/api/v1/reports', { comment: 'who?' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.field).toBe('account_id');

    expect(
      (await server.anonymous.post('/api/v1/reports', { account_id: String(target.accountId) })).status,
    ).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(reporter.userId, {
      scopes: ['read'],
      name: 'r',
    });
    expect(
      (await server.client(secret).post('/api/v1/reports', { account_id: String(target.accountId) })).status,
    ).toBe(403);
    expect(await reportCount()).toBe(before);
  });

  it('lists reports for moderators and admins only, resolves and reopens them', async () => {
    const filed = (
      await reporter.client.post('/api/v1/reports', {
        account_id: String(target.accountId),
        comment: 'queue me',
      })
    ).body;

    expect((await reporter.client.get('/api/roost/v1/moderation/reports')).status).toBe(403);
    expect((await target.client.get(`/api/roost/v1/moderation/reports/${filed.id}`)).status).toBe(403);
    expect((await reporter.client.post(`/api/roost/v1/moderation/reports/${filed.id}/resolve`)).status).toBe(
      403,
    );
    expect((await server.anonymous.get('/api/roost/v1/moderation/reports')).status).toBe(401);

    const queue = await moderator.client.get('/api/roost/v1/moderation/reports');
    expect(queue.status).toBe(200);
    expect(queue.body[0]).toMatchObject({
      id: filed.id,
      comment: 'queue me',
      account: { id: String(reporter.accountId) },
      target_account: { id: String(target.accountId) },
      action_taken_by_account: null,
    });
    const page = await admin.client.get('/api/roost/v1/moderation/reports?limit=1');
    expect(page.body.map((r: { id: string }) => r.id)).toEqual([filed.id]);
    expect(page.headers.get('link')).toContain(`max_id=${filed.id}`);

    const resolved = await moderator.client.post(`/api/roost/v1/moderation/reports/${filed.id}/resolve`);
    expect(resolved.body).toMatchObject({
      action_taken: true,
      action_taken_by_account: { id: String(moderator.accountId) },
    });
    const open = await moderator.client.get('/api/roost/v1/moderation/reports?resolved=false');
    expect(open.body.map((r: { id: string }) => r.id)).not.toContain(filed.id);
    const done = await moderator.client.get('/api/roost/v1/moderation/reports?resolved=true');
    expect(done.body.map((r: { id: string }) => r.id)).toContain(filed.id);
    const reopened = await admin.client.post(`/api/roost/v1/moderation/reports/${filed.id}/reopen`);
    expect(reopened.body).toMatchObject({ action_taken: false, action_taken_at: null });
    expect((await moderator.client.get('/api/roost/v1/moderation/reports/999999')).status).toBe(404);
  });

  it('lists the organization’s rules (none yet)', async () => {
    const res = await server.anonymous.get('/api/v1/instance/rules');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });
});
