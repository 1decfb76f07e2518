import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBrand,
  draftPath,
  eventually,
  person,
  type BrandFixture,
  type Staff,
} from './helpers/brand-setup.js';
import { DIALECTS } from './helpers/dialects.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('brand drafts (%s)', (dialect) => {
  let server: TestServer;
  let admin: Staff;
  let author: Staff;
  let editor: Staff;
  let approver: Staff;
  let publisher: Staff;
  let staff: Staff;
  let brand: BrandFixture;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await person(server, { role: 'admin' });
    author = await person(server);
    editor = await person(server);
    approver = await person(server);
    publisher = await person(server);
    staff = await person(server);
    brand = await createBrand(admin.client, {
      undoWindowSeconds: 3600,
      members: [
        [author, ['contributor']],
        [editor, ['contributor']],
        [approver, ['approver']],
        [publisher, ['publisher']],
      ],
    });
  });
  afterAll(() => server?.close());

  const draftsPath = () => `/api/roost/v1/brands/${brand.id}/drafts`;

  it('lets contributors write drafts; other members get 403 and outsiders 404', async () => {
    const created = await author.client.post(draftsPath(), {
      status: 'New menu, same love.',
      spoiler_text: 'menu',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      state: 'draft',
      author_id: String(author.accountId),
      revisions_count: 1,
      submission: 0,
    });
    expect(created.body.revision).toMatchObject({
      number: 1,
      text: 'New menu, same love.',
      spoiler_text: 'menu',
    });
    expect(created.body.can).toMatchObject({ edit: true, submit: true, approve: false, schedule: false });
    const denied = await approver.client.post(draftsPath(), { status: 'I only approve' });
    expect(denied.status).toBe(403);
    expect(denied.body.details.reason).toBe('role_required');
    expect((await staff.client.post(draftsPath(), { status: 'Not mine' })).status).toBe(404);
    expect((await staff.client.get(draftPath(brand, created.body.id))).status).toBe(404);
    expect((await approver.client.get(draftPath(brand, created.body.id))).status).toBe(200);
  });

  it('refuses empty or too long drafts without writing anything', async () => {
    const before = (await author.client.get(draftsPath())).body.length;
    const empty = await author.client.post(draftsPath(), { status: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body.details.field).toBe('status');
    const long = await author.client.post(draftsPath(), { status: 'x'.repeat(501) });
    expect(long.status).toBe(422);
    const missing = await author.client.post(draftsPath(), {});
    expect(missing.status).toBe(400);
    expect(missing.body.details.field).toBe('status');
    expect((await author.client.get(draftsPath())).body.length).toBe(before);
  });

  it('keeps every revision and diffs two of them word by word', async () => {
    const created = await author.client.post(draftsPath(), { status: 'Our new menu is here' });
    const id = created.body.id;
    const edited = await editor.client.put(draftPath(brand, id), {
      status: 'Our spring menu is finally here',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.revision).toMatchObject({ number: 2, editor_id: String(editor.accountId) });
    const revisions = await author.client.get(draftPath(brand, id, 'revisions'));
    expect(revisions.body.map((r: { number: number; text: string }) => [r.number, r.text])).toEqual([
      [1, 'Our new menu is here'],
      [2, 'Our spring menu is finally here'],
    ]);
    const diff = await approver.client.get(`${draftPath(brand, id, 'diff')}?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.text).toEqual([
      { op: 'equal', text: 'Our ' },
      { op: 'delete', text: 'new' },
      { op: 'insert', text: 'spring' },
      { op: 'equal', text: ' menu is' },
      { op: 'insert', text: ' finally' },
      { op: 'equal', text: ' here' },
    ]);
    // Without parameters: the previous revision against the current one.
    expect((await approver.client.get(draftPath(brand, id, 'diff'))).body.text).toEqual(diff.body.text);
    const bad = await approver.client.get(`${draftPath(brand, id, 'diff')}?from=7`);
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('from');
  });

  it('keeps a comment thread per draft', async () => {
    const created = await author.client.post(draftsPath(), { status: 'Comment on me' });
    const id = created.body.id;
    const comment = await approver.client.post(draftPath(brand, id, 'comments'), {
      body: 'Can we add the opening hours?',
    });
    expect(comment.status).toBe(200);
    expect((await author.client.post(draftPath(brand, id, 'comments'), { body: '  ' })).status).toBe(400);
    expect((await staff.client.post(draftPath(brand, id, 'comments'), { body: 'Hi' })).status).toBe(404);
    const thread = await author.client.get(draftPath(brand, id, 'comments'));
    expect(thread.body).toEqual([
      expect.objectContaining({
        account_id: String(approver.accountId),
        kind: 'comment',
        body: 'Can we add the opening hours?',
      }),
    ]);
  });

  it('resets approvals when a submitted or approved draft is edited', async () => {
    const created = await author.client.post(draftsPath(), { status: 'Version one' });
    const id = created.body.id;
    await author.client.post(draftPath(brand, id, 'submit'));
    const approved = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(approved.body.state).toBe('approved');
    expect(approved.body.steps[0].approved_by).toEqual([String(approver.accountId)]);
    const edited = await author.client.put(draftPath(brand, id), { status: 'Version two' });
    expect(edited.body.state).toBe('submitted');
    expect(edited.body.submission).toBe(2);
    expect(edited.body.steps[0].approved_by).toEqual([]);
    expect(edited.body.revisions_count).toBe(2);
    // The approver's earlier approval does not carry over: they approve the new text.
    const again = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(again.body.state).toBe('approved');
    // Published posts are not edited.
    const sent = await publisher.client.post(draftPath(brand, id, 'schedule'));
    expect(sent.body.state).toBe('scheduled');
    const editScheduled = await author.client.put(draftPath(brand, id), { status: 'Version three' });
    expect(editScheduled.body.state).toBe('submitted');
    expect(editScheduled.body.send_at).toBeNull();
  });

  it('lets any staff member propose one of their own posts for the brand', async () => {
    const post = await staff.client.post('/api/v1/statuses', {
      status: 'Our team just shipped the new #roadmap!',
    });
    expect(post.status).toBe(200);
    const proposed = await staff.client.post(`/api/roost/v1/brands/${brand.id}/proposals`, {
      status_id: post.body.id,
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      state: 'draft',
      author_id: String(staff.accountId),
      proposal_status_id: post.body.id,
    });
    expect(proposed.body.revision.text).toBe('Our team just shipped the new #roadmap!');
    // The proposer sees their proposal, not the brand's other drafts.
    expect((await staff.client.get(draftPath(brand, proposed.body.id))).status).toBe(200);
    expect((await staff.client.get(draftsPath())).status).toBe(404);
    // Contributors take it through the workflow; the proposer, as its author, may not approve it.
    const listed = await author.client.get(draftsPath());
    expect(listed.body.map((d: { id: string }) => d.id)).toContain(proposed.body.id);
    const submitted = await author.client.post(draftPath(brand, proposed.body.id, 'submit'));
    expect(submitted.body.state).toBe('submitted');

    const others = await author.client.post('/api/v1/statuses', { status: 'Not yours to propose' });
    expect(
      (await staff.client.post(`/api/roost/v1/brands/${brand.id}/proposals`, { status_id: others.body.id }))
        .status,
    ).toBe(404);
    expect(
      (await staff.client.post('/api/roost/v1/brands/999999/proposals', { status_id: post.body.id })).status,
    ).toBe(404);
    const bad = await staff.client.post(`/api/roost/v1/brands/${brand.id}/proposals`, { status_id: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('status_id');
  });

  it('filters drafts by state', async () => {
    const all = await author.client.get(draftsPath());
    const drafts = await author.client.get(`${draftsPath()}?state=draft`);
    expect(drafts.body.length).toBeGreaterThan(0);
    expect(drafts.body.every((d: { state: string }) => d.state === 'draft')).toBe(true);
    expect(drafts.body.length).toBeLessThan(all.body.length);
    expect((await author.client.get(`${draftsPath()}?state=lost`)).status).toBe(400);
  });

  it('shows scheduled and published posts on the calendar; the cross-brand calendar is for admins', async () => {
    const created = await author.client.post(draftsPath(), { status: 'On the calendar' });
    const id = created.body.id;
    await author.client.post(draftPath(brand, id, 'submit'));
    await approver.client.post(draftPath(brand, id, 'approve'));
    const at = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();
    const scheduled = await publisher.client.post(draftPath(brand, id, 'schedule'), { scheduled_at: at });
    expect(scheduled.body.send_at).toBe(at);
    const from = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const to = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
    const calendar = await approver.client.get(
      `/api/roost/v1/brands/${brand.id}/calendar?from=${from}&to=${to}`,
    );
    expect(calendar.status).toBe(200);
    expect(calendar.body).toEqual([
      expect.objectContaining({ draft_id: id, at, state: 'scheduled', text: 'On the calendar' }),
    ]);
    const earlier = await approver.client.get(
      `/api/roost/v1/brands/${brand.id}/calendar?from=${new Date().toISOString()}&to=${from}`,
    );
    expect(earlier.body.map((e: { draft_id: string }) => e.draft_id)).not.toContain(id);
    const all = await admin.client.get(`/api/roost/v1/brands/calendar?from=${from}&to=${to}`);
    expect(all.body.map((e: { draft_id: string }) => e.draft_id)).toContain(id);
    expect((await approver.client.get(`/api/roost/v1/brands/calendar?from=${from}&to=${to}`)).status).toBe(
      403,
    );
    const bad = await approver.client.get(`/api/roost/v1/brands/${brand.id}/calendar?from=${to}&to=${from}`);
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('to');
    const unparsable = await approver.client.get(
      `/api/roost/v1/brands/${brand.id}/calendar?from=soon&to=${to}`,
    );
    expect(unparsable.body.details.field).toBe('from');
    expect(
      (await staff.client.get(`/api/roost/v1/brands/${brand.id}/calendar?from=${from}&to=${to}`)).status,
    ).toBe(404);
  });

  it('publishes as the brand: the post shows on the brand profile and in followers’ home timelines', async () => {
    const quick = await createBrand(admin.client, {
      members: [
        [author, ['contributor']],
        [approver, ['approver']],
        [publisher, ['publisher']],
      ],
    });
    const follow = await staff.client.post(`/api/v1/accounts/${quick.accountId}/follow`);
    expect(follow.status).toBe(200);
    const created = await author.client.post(`/api/roost/v1/brands/${quick.id}/drafts`, {
      status: 'Hello from the brand',
    });
    const id = created.body.id;
    await author.client.post(draftPath(quick, id, 'submit'));
    await approver.client.post(draftPath(quick, id, 'approve'));
    await publisher.client.post(draftPath(quick, id, 'schedule'));
    const published = await eventually(
      () => author.client.get(draftPath(quick, id)),
      (r) => r.body.state === 'published',
    );
    expect(published.body.deliveries).toEqual([
      expect.objectContaining({
        destination: 'internal',
        state: 'delivered',
        remote_id: published.body.status_id,
      }),
    ]);
    const status = await staff.client.get(`/api/v1/statuses/${published.body.status_id}`);
    expect(status.body.account.id).toBe(quick.accountId);
    expect(status.body.content).toContain('Hello from the brand');
    const home = await staff.client.get('/api/v1/timelines/home');
    expect(home.body.map((s: { id: string }) => s.id)).toContain(published.body.status_id);
  });
});
