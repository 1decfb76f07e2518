import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../src/screening/index.js';
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

describe.each(DIALECTS)('undo window, final screening, pause and break glass (%s)', (dialect) => {
  let server: TestServer;
  let admin: Staff;
  let author: Staff;
  let approver: Staff;
  let publisher: Staff;
  let owner: Staff;
  let owner2: Staff;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await person(server, { role: 'admin' });
    author = await person(server);
    approver = await person(server);
    publisher = await person(server);
    owner = await person(server);
    owner2 = await person(server);
  });
  afterAll(() => server?.close());

  const members = (): Array<[Staff, string[]]> => [
    [author, ['contributor']],
    [approver, ['approver']],
    [publisher, ['publisher']],
    [owner, ['owner']],
    [owner2, ['owner']],
  ];

  /** Written, submitted and approved: ready for a publisher. */
  async function approved(brand: BrandFixture, text: string): Promise<string> {
    const created = await author.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: text });
    const id = created.body.id;
    await author.client.post(draftPath(brand, id, 'submit'));
    const ok = await approver.client.post(draftPath(brand, id, 'approve'));
    expect(ok.body.state).toBe('approved');
    return id;
  }

  const get = (brand: BrandFixture, id: string) => author.client.get(draftPath(brand, id));

  /** Waits until no dispatch job for the draft is pending: the scheduler has looked at it. */
  async function dispatched(id: string): Promise<void> {
    await eventually(
      () =>
        server.ctx.database.db
          .selectFrom('jobs')
          .select('payload')
          .where('name', '=', 'brand.dispatch')
          .where('dead_at', 'is', null)
          .execute(),
      (jobs) => !jobs.some((job) => (JSON.parse(job.payload) as { draftId: number }).draftId === Number(id)),
    );
  }

  async function setCrisis(terms: string[]): Promise<void> {
    const document = defaultPolicy();
    document.lists.crisisTerms = terms;
    const saved = await admin.client.put('/api/roost/v1/screening/policy', {
      document,
      note: terms.length ? 'crisis' : 'calm',
    });
    expect(saved.status).toBe(200);
  }

  it('waits for the undo window, during which a publisher recalls the post and nothing leaves', async () => {
    const brand = await createBrand(admin.client, { undoWindowSeconds: 2, members: members() });
    const id = await approved(brand, 'Oops, wrong account');
    const before = Date.now();
    const scheduled = await publisher.client.post(draftPath(brand, id, 'schedule'));
    expect(scheduled.body.state).toBe('scheduled');
    const sendAt = Date.parse(scheduled.body.send_at);
    expect(sendAt).toBeGreaterThanOrEqual(before + 2000);
    expect(scheduled.body.can.recall).toBe(true);
    expect((await author.client.post(draftPath(brand, id, 'recall'))).body.details.reason).toBe(
      'role_required',
    );
    const recalled = await publisher.client.post(draftPath(brand, id, 'recall'));
    expect(recalled.body).toMatchObject({ state: 'draft', send_at: null });
    await eventually(
      async () => Date.now(),
      (now) => now > sendAt + 300,
    );
    await dispatched(id);
    const after = await get(brand, id);
    expect(after.body).toMatchObject({ state: 'draft', status_id: null, deliveries: [] });
    expect((await author.client.get(`/api/v1/accounts/${brand.accountId}`)).body.statuses_count).toBe(0);
    // Too late to recall once it has left.
    const id2 = await approved(brand, 'This one goes');
    await publisher.client.post(draftPath(brand, id2, 'schedule'));
    await eventually(
      () => get(brand, id2),
      (r) => r.body.state === 'published',
    );
    expect((await publisher.client.post(draftPath(brand, id2, 'recall'))).status).toBe(409);
  });

  it('screens again at the moment of sending: a crisis declared in the undo window stops the post', async () => {
    const brand = await createBrand(admin.client, { undoWindowSeconds: 2, members: members() });
    const id = await approved(brand, 'Happy Friday, shooters! Great deals this weekend.');
    const scheduled = await publisher.client.post(draftPath(brand, id, 'schedule'));
    await setCrisis(['shooters']);
    try {
      const stopped = await eventually(
        () => get(brand, id),
        (r) => r.body.state !== 'scheduled',
      );
      expect(stopped.body.state).toBe('draft');
      expect(stopped.body.screening).toMatchObject({ phase: 'send', action: 'block' });
      expect(stopped.body.screening.findings.map((f: { rule: string }) => f.rule)).toContain(
        'crisis.exploitation',
      );
      expect(stopped.body.deliveries).toEqual([]);
      expect((await author.client.get(`/api/v1/accounts/${brand.accountId}`)).body.statuses_count).toBe(0);
      const audit = await admin.client.get(
        `/api/roost/v1/audit?brand_id=${brand.id}&action=draft.blocked_at_send`,
      );
      expect(audit.body).toHaveLength(1);
      expect(audit.body[0]).toMatchObject({ actor_id: null, subject_id: id });
      expect(Date.parse(scheduled.body.send_at)).toBeLessThanOrEqual(Date.now());

      // A post the crisis makes sensitive (review, not block) goes back for a screening review instead.
      await setCrisis([]);
      const review = await approved(brand, 'Happy Friday, shooters!');
      await publisher.client.post(draftPath(brand, review, 'schedule'));
      await setCrisis(['shooters']);
      const held = await eventually(
        () => get(brand, review),
        (r) => r.body.state !== 'scheduled',
      );
      expect(held.body.state).toBe('in_review');
      expect(held.body.steps.map((s: { id: string; satisfied: boolean }) => [s.id, s.satisfied])).toEqual([
        ['review', true],
        ['screening-review', false],
      ]);
      const ok = await owner.client.post(draftPath(brand, review, 'approve'));
      expect(ok.body.state).toBe('approved');
      await publisher.client.post(draftPath(brand, review, 'schedule'));
      const sent = await eventually(
        () => get(brand, review),
        (r) => r.body.state === 'published',
      );
      expect(sent.body.screening).toMatchObject({ phase: 'send', action: 'review' });
    } finally {
      await setCrisis([]);
    }
  });

  it('pauses one brand: nothing leaves, even due posts; resuming takes a reason and re-screens', async () => {
    const brand = await createBrand(admin.client, { undoWindowSeconds: 1, members: members() });
    const other = await createBrand(admin.client, { members: members() });
    const due = await approved(brand, 'Scheduled before the pause');
    const inWindow = await approved(brand, 'Happy Friday, shooters! Great deals this weekend.');
    await publisher.client.post(draftPath(brand, due, 'schedule'));
    await publisher.client.post(draftPath(brand, inWindow, 'schedule'));

    expect(
      (await owner.client.post(`/api/roost/v1/brands/${brand.id}/pause`, { reason: '' })).body.details.field,
    ).toBe('reason');
    expect(
      (await publisher.client.post(`/api/roost/v1/brands/${brand.id}/pause`, { reason: 'x' })).status,
    ).toBe(403);
    const paused = await owner.client.post(`/api/roost/v1/brands/${brand.id}/pause`, {
      reason: 'Shooting in Aurora; holding all posts',
    });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      paused: true,
      pause: { reason: 'Shooting in Aurora; holding all posts', paused_by: String(owner.accountId) },
    });
    expect(
      (await owner.client.post(`/api/roost/v1/brands/${brand.id}/pause`, { reason: 'again' })).status,
    ).toBe(409);
    const banner = await author.client.get('/api/roost/v1/brands/pause-state');
    expect(banner.body.all.paused).toBe(false);
    expect(banner.body.brands).toEqual([
      expect.objectContaining({ id: brand.id, reason: 'Shooting in Aurora; holding all posts' }),
    ]);

    for (const id of [due, inWindow]) {
      const waiting = await eventually(
        () => get(brand, id),
        (r) => r.body.waiting_for_resume === true,
      );
      expect(waiting.body).toMatchObject({ state: 'scheduled', deliveries: [], status_id: null });
    }
    // Other brands go on.
    const elsewhere = await approved(other, 'Business as usual elsewhere');
    await publisher.client.post(draftPath(other, elsewhere, 'schedule'));
    await eventually(
      () => get(other, elsewhere),
      (r) => r.body.state === 'published',
    );

    // The crisis makes one of the waiting posts unacceptable; it is screened again on resume.
    await setCrisis(['shooters']);
    try {
      expect((await owner.client.post(`/api/roost/v1/brands/${brand.id}/resume`, {})).status).toBe(400);
      expect(
        (await author.client.post(`/api/roost/v1/brands/${brand.id}/resume`, { reason: 'go' })).status,
      ).toBe(403);
      const resumed = await owner.client.post(`/api/roost/v1/brands/${brand.id}/resume`, {
        reason: 'Statement agreed with comms',
      });
      expect(resumed.body.paused).toBe(false);
      const sent = await eventually(
        () => get(brand, due),
        (r) => r.body.state === 'published',
      );
      expect(sent.body.waiting_for_resume).toBe(false);
      const blocked = await eventually(
        () => get(brand, inWindow),
        (r) => r.body.state === 'draft',
      );
      expect(blocked.body.screening).toMatchObject({ phase: 'send', action: 'block' });
      expect(blocked.body.deliveries).toEqual([]);
    } finally {
      await setCrisis([]);
    }
    const audit = await admin.client.get(`/api/roost/v1/audit?brand_id=${brand.id}`);
    const actions = audit.body.map((r: { action: string }) => r.action);
    expect(actions).toContain('pause.brand');
    expect(actions).toContain('pause.brand_resume');
    expect(actions).toContain('draft.held_by_pause');
    expect(audit.body.find((r: { action: string }) => r.action === 'pause.brand_resume')).toMatchObject({
      reason: 'Statement agreed with comms',
      actor_id: String(owner.accountId),
    });
  });

  it('lets admins pause every brand at once; a brand paused on its own stays paused after', async () => {
    const a = await createBrand(admin.client, { members: members() });
    const b = await createBrand(admin.client, { members: members() });
    expect((await owner.client.post('/api/roost/v1/brands/pause', { reason: 'all' })).status).toBe(403);
    const all = await admin.client.post('/api/roost/v1/brands/pause', { reason: 'Hurricane Delia landfall' });
    expect(all.body).toMatchObject({
      paused: true,
      reason: 'Hurricane Delia landfall',
      paused_by: String(admin.accountId),
    });
    await owner.client.post(`/api/roost/v1/brands/${b.id}/pause`, { reason: 'Our own reasons' });
    expect((await author.client.get('/api/roost/v1/brands/pause-state')).body.all).toMatchObject({
      paused: true,
      reason: 'Hurricane Delia landfall',
    });
    const postA = await approved(a, 'Post for A');
    const postB = await approved(b, 'Post for B');
    await publisher.client.post(draftPath(a, postA, 'schedule'));
    await publisher.client.post(draftPath(b, postB, 'schedule'));
    await eventually(
      () => get(a, postA),
      (r) => r.body.waiting_for_resume === true,
    );
    await eventually(
      () => get(b, postB),
      (r) => r.body.waiting_for_resume === true,
    );
    expect((await admin.client.post('/api/roost/v1/brands/resume', {})).status).toBe(400);
    const resumed = await admin.client.post('/api/roost/v1/brands/resume', {
      reason: 'All clear from the crisis team',
    });
    expect(resumed.body.paused).toBe(false);
    await eventually(
      () => get(a, postA),
      (r) => r.body.state === 'published',
    );
    await dispatched(postB);
    expect((await get(b, postB)).body).toMatchObject({ state: 'scheduled', waiting_for_resume: true });
    await owner.client.post(`/api/roost/v1/brands/${b.id}/resume`, { reason: 'Done' });
    await eventually(
      () => get(b, postB),
      (r) => r.body.state === 'published',
    );
    const audit = await admin.client.get('/api/roost/v1/audit?action=pause.all');
    expect(audit.body[0]).toMatchObject({ reason: 'Hurricane Delia landfall', brand_id: null });
  });

  it('breaks the glass for one post during a pause with a reason and a second person', async () => {
    const brand = await createBrand(admin.client, { undoWindowSeconds: 1, members: members() });
    const urgent = await approved(brand, 'Product recall: stop using batch 42 now.');
    const routine = await approved(brand, 'Our weekly tips');
    await publisher.client.post(draftPath(brand, routine, 'schedule'));
    await owner.client.post(`/api/roost/v1/brands/${brand.id}/pause`, { reason: 'Crisis' });

    expect(
      (await owner.client.post(draftPath(brand, urgent, 'break_glass'), { reason: ' ' })).body.details.field,
    ).toBe('reason');
    expect(
      (await publisher.client.post(draftPath(brand, urgent, 'break_glass'), { reason: 'Safety' })).status,
    ).toBe(403);
    const asked = await owner.client.post(draftPath(brand, urgent, 'break_glass'), {
      reason: 'Safety recall must go out',
    });
    expect(asked.status).toBe(200);
    expect(asked.body.break_glass).toEqual({
      requested_by: String(owner.accountId),
      reason: 'Safety recall must go out',
      confirmed_by: null,
    });
    const self = await owner.client.post(draftPath(brand, urgent, 'break_glass/confirm'));
    expect(self.status).toBe(403);
    expect(self.body.details.reason).toBe('same_person');
    expect((await publisher.client.post(draftPath(brand, urgent, 'break_glass/confirm'))).status).toBe(403);
    expect((await owner2.client.get(draftPath(brand, urgent))).body.can.confirm_break_glass).toBe(true);
    const confirmed = await owner2.client.post(draftPath(brand, urgent, 'break_glass/confirm'));
    expect(confirmed.status).toBe(200);
    const sent = await eventually(
      () => get(brand, urgent),
      (r) => r.body.state === 'published',
    );
    expect(sent.body.break_glass).toMatchObject({ confirmed_by: String(owner2.accountId) });
    // The pause still holds everything else.
    await eventually(
      () => get(brand, routine),
      (r) => r.body.waiting_for_resume === true,
    );
    expect((await get(brand, routine)).body.state).toBe('scheduled');
    const audit = await admin.client.get(
      `/api/roost/v1/audit?brand_id=${brand.id}&action=draft.break_glass_confirm`,
    );
    expect(audit.body[0]).toMatchObject({
      actor_id: String(owner2.accountId),
      reason: 'Safety recall must go out',
    });
    const send = await admin.client.get(`/api/roost/v1/audit?brand_id=${brand.id}&action=draft.send`);
    expect(send.body[0].after).toMatchObject({ pause_override: true });

    // An admin may be the second person; without a pause there is no glass to break.
    await owner.client.post(`/api/roost/v1/brands/${brand.id}/resume`, { reason: 'over' });
    const calm = await approved(brand, 'Calm again');
    expect(
      (await owner.client.post(draftPath(brand, calm, 'break_glass'), { reason: 'why not' })).status,
    ).toBe(409);
  });
});
