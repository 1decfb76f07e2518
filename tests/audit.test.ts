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

/** RFC 4180 parsing, written here independently of the exporter. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe.each(DIALECTS)('audit log (%s)', (dialect) => {
  let server: TestServer;
  let admin: Staff;
  let author: Staff;
  let approver: Staff;
  let publisher: Staff;
  let owner: Staff;
  let brand: BrandFixture;
  let draftId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await person(server, { role: 'admin' });
    author = await person(server);
    approver = await person(server);
    publisher = await person(server);
    owner = await person(server);
    brand = await createBrand(admin.client, {
      members: [
        [owner, ['owner']],
        [author, ['contributor']],
        [approver, ['approver']],
        [publisher, ['publisher']],
      ],
    });
    await owner.client.put(`/api/roost/v1/brands/${brand.id}/workflow`, {
      steps: [{ id: 'review', name: 'Review', approvers: { roles: ['approver'] } }],
    });
    draftId = (
      await author.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: 'Audited post' })
    ).body.id;
    await author.client.post(draftPath(brand, draftId, 'submit'));
    // A refused action leaves no trace: its audit row would have been in the same transaction.
    expect((await author.client.post(draftPath(brand, draftId, 'approve'))).status).toBe(403);
    await approver.client.post(draftPath(brand, draftId, 'approve'));
    await publisher.client.post(draftPath(brand, draftId, 'schedule'));
    await eventually(
      () => author.client.get(draftPath(brand, draftId)),
      (r) => r.body.state === 'published',
    );
    await owner.client.post(`/api/roost/v1/brands/${brand.id}/pause`, {
      reason: 'Said "stop", then, finally,\nstopped',
    });
    await owner.client.post(`/api/roost/v1/brands/${brand.id}/resume`, {
      reason: '=HYPERLINK("http://evil")',
    });
  });
  afterAll(() => server?.close());

  it('records every governance step of a brand, in order, with who, what and why', async () => {
    const res = await admin.client.get(`/api/roost/v1/audit?brand_id=${brand.id}&limit=100`);
    expect(res.status).toBe(200);
    const actions = res.body.map((r: { action: string }) => r.action).reverse();
    expect(actions).toEqual([
      'brand.create',
      'member.add',
      'member.add',
      'member.add',
      'member.add',
      'workflow.update',
      'draft.create',
      'draft.submit',
      'draft.approve',
      'draft.schedule',
      'draft.send',
      'draft.published',
      'pause.brand',
      'pause.brand_resume',
    ]);
    const approve = res.body.find((r: { action: string }) => r.action === 'draft.approve');
    expect(approve).toMatchObject({
      actor_id: String(approver.accountId),
      subject_type: 'draft',
      subject_id: draftId,
      brand_id: brand.id,
      before: { state: 'submitted' },
      after: { state: 'approved', step: 'review', submission: 1 },
    });
    expect(approve.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const member = res.body.find(
      (r: { action: string; subject_id: string }) =>
        r.action === 'member.add' && r.subject_id === String(approver.accountId),
    );
    expect(member).toMatchObject({
      actor_id: String(admin.accountId),
      before: { roles: [] },
      after: { roles: ['approver'] },
    });
    // The system acts too: the scheduler's send has no person behind it.
    expect(res.body.find((r: { action: string }) => r.action === 'draft.send').actor_id).toBeNull();
  });

  it('filters by actor, action and time, and pages with max_id and a Link header', async () => {
    const byApprover = await admin.client.get(`/api/roost/v1/audit?actor_id=${approver.accountId}`);
    expect(byApprover.body.map((r: { action: string }) => r.action)).toEqual(['draft.approve']);
    const pauses = await admin.client.get(`/api/roost/v1/audit?action=pause.brand`);
    expect(pauses.body.every((r: { action: string }) => r.action === 'pause.brand')).toBe(true);
    const future = await admin.client.get(
      `/api/roost/v1/audit?from=${new Date(Date.now() + 60_000).toISOString()}`,
    );
    expect(future.body).toEqual([]);
    const past = await admin.client.get(
      `/api/roost/v1/audit?brand_id=${brand.id}&to=${new Date(Date.now() + 60_000).toISOString()}&limit=100`,
    );
    expect(past.body.length).toBe(14);

    const first = await admin.client.get(`/api/roost/v1/audit?brand_id=${brand.id}&limit=5`);
    expect(first.body).toHaveLength(5);
    const link = first.headers.get('link') ?? '';
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    expect(next).toBeDefined();
    const second = await admin.client.get(new URL(next!).pathname + new URL(next!).search);
    expect(second.body).toHaveLength(5);
    const ids = [...first.body, ...second.body].map((r: { id: string }) => BigInt(r.id));
    expect(new Set(ids).size).toBe(10);
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
  });

  it('is for admins only, and validates its filters', async () => {
    expect((await owner.client.get('/api/roost/v1/audit')).status).toBe(403);
    expect((await server.anonymous.get('/api/roost/v1/audit')).status).toBe(401);
    expect((await owner.client.get('/api/roost/v1/audit/export')).status).toBe(403);
    const bad = await admin.client.get('/api/roost/v1/audit?brand_id=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('brand_id');
    const badTime = await admin.client.get('/api/roost/v1/audit?from=yesterday');
    expect(badTime.status).toBe(400);
    expect(badTime.body.details.field).toBe('from');
    // Append-only: there is no way to change or remove a row through the API.
    const row = (await admin.client.get('/api/roost/v1/audit?limit=1')).body[0];
    expect((await admin.client.delete(`/api/roost/v1/audit/${row.id}`)).status).toBe(404);
    expect((await admin.client.patch(`/api/roost/v1/audit/${row.id}`, { reason: 'x' })).status).toBe(404);
  });

  it('exports CSV with proper escaping, matching the JSON export', async () => {
    const csv = await admin.client.get(`/api/roost/v1/audit/export?format=csv&brand_id=${brand.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="roost-audit-\d{4}-\d\d-\d\d\.csv"/,
    );
    const rows = parseCsv(csv.body as string);
    expect(rows[0]).toEqual([
      'id',
      'created_at',
      'actor_id',
      'action',
      'subject_type',
      'subject_id',
      'brand_id',
      'before',
      'after',
      'reason',
    ]);
    const json = await admin.client.get(`/api/roost/v1/audit/export?format=json&brand_id=${brand.id}`);
    expect(json.body).toHaveLength(rows.length - 1);
    // Oldest first in exports.
    expect(json.body[0].action).toBe('brand.create');
    for (const [index, entry] of json.body.entries()) {
      const row = rows[index + 1]!;
      expect(row[0]).toBe(entry.id);
      expect(row[3]).toBe(entry.action);
      expect(row[7] === '' ? null : JSON.parse(row[7]!)).toEqual(entry.before);
      expect(row[8] === '' ? null : JSON.parse(row[8]!)).toEqual(entry.after);
    }
    const pause = rows.find((r) => r[3] === 'pause.brand')!;
    expect(pause[9]).toBe('Said "stop", then, finally,\nstopped');
    // A value a spreadsheet would run as a formula is defused.
    const resume = rows.find((r) => r[3] === 'pause.brand_resume')!;
    expect(resume[9]).toBe('\'=HYPERLINK("http://evil")');
    expect(json.body.find((r: { action: string }) => r.action === 'pause.brand_resume').reason).toBe(
      '=HYPERLINK("http://evil")',
    );
  });
});
