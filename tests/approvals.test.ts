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
import { SmtpSink } from './helpers/smtp-sink.js';

describe.each(DIALECTS)('brand approvals (%s)', (dialect) => {
  let server: TestServer;
  let sink: SmtpSink;
  let admin: Staff;
  let author: Staff;
  let approver: Staff;
  let approver2: Staff;
  let publisher: Staff;
  let owner: Staff;
  let lawyer: Staff;
  let legalId: string;
  let brand: BrandFixture;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    server = await startTestServer(dialect, {
      ROOST_SMTP_URL: sink.url,
      ROOST_MAIL_FROM: 'Roost <roost@example.com>',
    });
    admin = await person(server, { role: 'admin' });
    author = await person(server);
    approver = await person(server);
    approver2 = await person(server);
    publisher = await person(server);
    owner = await person(server);
    lawyer = await person(server, { departmentName: `Legal ${dialect}` });
    legalId = (await admin.client.get('/api/roost/v1/departments')).body.find(
      (d: { name: string }) => d.name === `Legal ${dialect}`,
    ).id;
    brand = await createBrand(admin.client, {
      members: [
        [author, ['contributor', 'approver']],
        [approver, ['approver']],
        [approver2, ['approver']],
        [publisher, ['publisher']],
        [owner, ['owner']],
      ],
    });
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  async function write(text: string, by: Staff = author): Promise<string> {
    const created = await by.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: text });
    expect(created.status).toBe(200);
    return created.body.id;
  }

  async function setWorkflow(steps: unknown[]): Promise<void> {
    const saved = await owner.client.put(`/api/roost/v1/brands/${brand.id}/workflow`, { steps });
    expect(saved.status).toBe(200);
  }

  it('takes a draft through approval and publishing, telling people in the app and by email', async () => {
    await setWorkflow([{ id: 'review', name: 'Review', approvers: { roles: ['approver'] } }]);
    const id = await write('Spring menu is live!');
    const submitted = await author.client.post(draftPath(brand, id, 'submit'));
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('submitted');
    expect(submitted.body.screening).toMatchObject({ phase: 'submit', action: 'allow' });
    expect(submitted.body.steps).toEqual([
      expect.objectContaining({ id: 'review', needed: 1, current: true, satisfied: false }),
    ]);
    // Approvers hear that something waits for them: a notification from the brand and an email.
    const notifications = await approver.client.get('/api/v1/notifications');
    expect(notifications.body[0]).toMatchObject({
      type: 'brand_review',
      account: expect.objectContaining({ id: brand.accountId }),
      roost: { type: 'brand_review' },
    });
    const mail = await sink.waitFor((m) => m.to.includes(`${approver.username.toLowerCase()}@example.com`));
    expect(mail.subject).toContain(`@${brand.username}`);
    expect(mail.text).toContain(`/brands/${brand.id}/drafts/${id}`);

    const approved = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(approved.body.state).toBe('approved');
    expect((await author.client.get('/api/v1/notifications?types[]=brand_update')).body[0]).toMatchObject({
      type: 'brand_update',
    });
    const scheduled = await publisher.client.post(draftPath(brand, id, 'schedule'));
    // With no undo window the worker may already have taken it by the time the answer is read.
    expect(['scheduled', 'sending', 'published']).toContain(scheduled.body.state);
    const published = await eventually(
      () => author.client.get(draftPath(brand, id)),
      (r) => r.body.state === 'published',
    );
    expect(published.body.screening).toMatchObject({ phase: 'send', action: 'allow' });
    const profile = await author.client.get(`/api/v1/accounts/${brand.accountId}/statuses`);
    expect(profile.body.map((s: { id: string }) => s.id)).toContain(published.body.status_id);
  });

  it('sends a rejected draft back with a comment; the revision is approved', async () => {
    const id = await write('Happy Friday, everyone! Huge deals.');
    await author.client.post(draftPath(brand, id, 'submit'));
    const noComment = await approver.client.post(draftPath(brand, id, 'reject'), { comment: ' ' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details.field).toBe('comment');
    const rejected = await approver.client.post(draftPath(brand, id, 'reject'), {
      comment: 'Too pushy; drop "huge deals".',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('draft');
    const comments = await author.client.get(draftPath(brand, id, 'comments'));
    expect(comments.body).toEqual([
      expect.objectContaining({
        kind: 'rejection',
        body: 'Too pushy; drop "huge deals".',
        account_id: String(approver.accountId),
      }),
    ]);
    const revised = await author.client.put(draftPath(brand, id), { status: 'Happy Friday, everyone!' });
    expect(revised.body).toMatchObject({ state: 'draft', revisions_count: 2 });
    const diff = await approver.client.get(draftPath(brand, id, 'diff'));
    expect(diff.body.text).toContainEqual({ op: 'delete', text: ' Huge deals.' });
    await author.client.post(draftPath(brand, id, 'submit'));
    const approved = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(approved.body.state).toBe('approved');
    expect(approved.body.submission).toBe(2);
  });

  it('refuses four-eyes violations: authors, editors, people already counted, people outside the step', async () => {
    await setWorkflow([
      { id: 'first', name: 'First', approvers: { roles: ['approver'] } },
      { id: 'second', name: 'Second', approvers: { roles: ['approver'] } },
    ]);
    const id = await write('Four eyes at least');
    await author.client.post(draftPath(brand, id, 'submit'));
    // The author is an approver too, but never of their own draft.
    const own = await author.client.post(draftPath(brand, id, 'approve'));
    expect(own.status).toBe(403);
    expect(own.body.details.reason).toBe('four_eyes');
    expect((await publisher.client.post(draftPath(brand, id, 'approve'))).body.details.reason).toBe(
      'not_eligible',
    );
    const first = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(first.body.state).toBe('in_review');
    expect(first.body.steps.map((s: { satisfied: boolean }) => s.satisfied)).toEqual([true, false]);
    // One person's approval counts once per draft, even though they are eligible for the second step.
    const twice = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(twice.status).toBe(403);
    expect(twice.body.details.reason).toBe('already_approved');
    expect(first.body.steps[1].eligible).not.toContain(String(approver.accountId));
    // Someone who edits the draft becomes one of its authors and may not approve it either.
    const edited = await approver2.client.put(draftPath(brand, id), { status: 'Four eyes at least, edited' });
    expect(edited.status).toBe(403);
    await server.ctx.services.brands.setRoles(
      { ...(await viewerOf(owner)) },
      Number(brand.id),
      approver2.accountId,
      ['contributor', 'approver'],
    );
    const byApprover2 = await approver2.client.put(draftPath(brand, id), {
      status: 'Four eyes at least, edited',
    });
    expect(byApprover2.body.state).toBe('submitted');
    expect((await approver2.client.post(draftPath(brand, id, 'approve'))).body.details.reason).toBe(
      'four_eyes',
    );
    const a = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(a.body.state).toBe('in_review');
    // Nobody else is left for the second step: it waits (and says so) rather than passing.
    expect(a.body.steps[1]).toMatchObject({ satisfied: false, eligible: [] });
    expect(
      (
        await server.ctx.services.audit.list(
          { action: 'draft.approve', actorId: author.accountId },
          { maxId: null, sinceId: null, minId: null, limit: 10 },
        )
      ).length,
    ).toBe(0);
  });

  it('adds the conditional Legal step and a screening review when screening finds personal data', async () => {
    await setWorkflow([
      { id: 'review', name: 'Review', approvers: { roles: ['approver'] } },
      {
        id: 'legal',
        name: 'Legal',
        approvers: { departments: [legalId] },
        when: { screening_categories: ['confidential', 'personal_data'] },
      },
    ]);
    const clean = await write('Visit our new store on Main Street.');
    const cleanSubmitted = await author.client.post(draftPath(brand, clean, 'submit'));
    expect(cleanSubmitted.body.steps.map((s: { id: string }) => s.id)).toEqual(['review']);

    const id = await write('Questions? Write to jane.doe@example.com and we will help.');
    const submitted = await author.client.post(draftPath(brand, id, 'submit'));
    expect(submitted.body.screening.action).toBe('review');
    expect(submitted.body.screening.findings[0]).toMatchObject({
      rule: 'personal.email',
      category: 'personal',
      excerpt: 'jane.doe@example.com',
    });
    expect(submitted.body.steps.map((s: { id: string }) => s.id)).toEqual([
      'review',
      'legal',
      'screening-review',
    ]);
    expect(submitted.body.steps[1].eligible).toEqual([String(lawyer.accountId)]);
    // The lawyer is not a member but may see the draft to review it, and may not act before their step.
    expect((await lawyer.client.get(draftPath(brand, id))).status).toBe(200);
    expect((await lawyer.client.post(draftPath(brand, id, 'approve'))).body.details.reason).toBe(
      'not_eligible',
    );
    await approver.client.post(draftPath(brand, id, 'approve'));
    expect((await lawyer.client.get('/api/v1/notifications')).body[0].type).toBe('brand_review');
    const legal = await lawyer.client.post(draftPath(brand, id, 'approve'));
    expect(legal.body.state).toBe('in_review');
    const reviewed = await owner.client.post(draftPath(brand, id, 'approve'));
    expect(reviewed.body.state).toBe('approved');
    expect(reviewed.body.steps.map((s: { approved_by: string[] }) => s.approved_by)).toEqual([
      [String(approver.accountId)],
      [String(lawyer.accountId)],
      [String(owner.accountId)],
    ]);
  });

  it('counts quorums: all eligible approvers, or a number of them', async () => {
    await setWorkflow([{ id: 'all', name: 'Everyone', approvers: { roles: ['approver'] }, quorum: 'all' }]);
    const id = await write('Needs everyone');
    const submitted = await author.client.post(draftPath(brand, id, 'submit'));
    // The author is an approver but does not count towards "all": the two other approvers do.
    expect(submitted.body.steps[0].needed).toBe(2);
    expect(submitted.body.steps[0].eligible.sort()).toEqual(
      [String(approver.accountId), String(approver2.accountId)].sort(),
    );
    const one = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(one.body.state).toBe('in_review');
    const both = await approver2.client.post(draftPath(brand, id, 'approve'));
    expect(both.body.state).toBe('approved');
    await setWorkflow([{ id: 'two', name: 'Two', approvers: { roles: ['approver'] }, quorum: 2 }]);
    const two = await write('Needs two');
    await author.client.post(draftPath(brand, two, 'submit'));
    await approver.client.post(draftPath(brand, two, 'approve'));
    const done = await approver2.client.post(draftPath(brand, two, 'approve'));
    expect(done.body.state).toBe('approved');
    await setWorkflow([{ id: 'review', name: 'Review', approvers: { roles: ['approver'] } }]);
  });

  it('keeps a draft that screening blocks on submit, with the findings', async () => {
    const id = await write('Hurricane Delia deals: 20% off everything this weekend!');
    const submitted = await author.client.post(draftPath(brand, id, 'submit'));
    expect(submitted.status).toBe(200);
    expect(submitted.body.state).toBe('draft');
    expect(submitted.body.screening).toMatchObject({ phase: 'submit', action: 'block' });
    expect(submitted.body.screening.findings.map((f: { rule: string }) => f.rule)).toContain(
      'sensitive.promotion',
    );
    const comments = await author.client.get(draftPath(brand, id, 'comments'));
    expect(comments.body[0]).toMatchObject({ kind: 'screening', account_id: null });
    expect((await approver.client.post(draftPath(brand, id, 'approve'))).status).toBe(409);
  });

  it('stops approving when the approver loses the role', async () => {
    const id = await write('Role check');
    await author.client.post(draftPath(brand, id, 'submit'));
    const ownerViewer = await viewerOf(owner);
    await server.ctx.services.brands.setRoles(ownerViewer, Number(brand.id), approver2.accountId, [
      'contributor',
    ]);
    expect((await approver2.client.post(draftPath(brand, id, 'approve'))).body.details.reason).toBe(
      'not_eligible',
    );
    await server.ctx.services.brands.setRoles(ownerViewer, Number(brand.id), approver2.accountId, [
      'approver',
    ]);
  });

  async function viewerOf(who: Staff) {
    const viewer = await server.ctx.services.credentials.viewerFromToken(who.token);
    if (!viewer) throw new Error('no viewer');
    return viewer;
  }
});
