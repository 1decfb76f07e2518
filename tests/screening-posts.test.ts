/**
 * Screening of internal posts through the real API: the composer's dry run, blocked posts (422,
 * nothing written), warnings that need confirmation, and edits screened the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const CARD = '4111 1111 1111 1111';
const IBAN = 'DE89 3704 0044 0532 0130 00';
const PHONE = '+1 415 555 0132';

const TABLES = [
  'statuses',
  'mentions',
  'status_tags',
  'home_feed',
  'notifications',
  'post_screenings',
  'status_edits',
] as const;
type Counts = Record<(typeof TABLES)[number], number>;

describe.each(DIALECTS)('screening of posts (%s)', (dialect) => {
  let server: TestServer;
  let author: TestPerson;
  let follower: TestPerson;
  let mentioned: TestPerson;

  async function counts(): Promise<Counts> {
    const db = server.ctx.database.db;
    const result = {} as Counts;
    for (const table of TABLES) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      result[table] = Number(row.n);
    }
    return result;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    author = await createPerson(server, { username: 'writer' });
    follower = await createPerson(server, { username: 'reader' });
    mentioned = await createPerson(server, { username: 'named' });
    expect((await follower.client.post(`/api/v1/accounts/${author.accountId}/follow`)).status).toBe(200);
  });
  afterAll(() => server.close());

  describe('dry run', () => {
    it('answers findings with offsets into the text and the content warning', async () => {
      const text = `Refund to ${CARD} today`;
      const res = await author.client.post('/api/roost/v1/screening/check', {
        text,
        spoiler_text: `call ${PHONE}`,
      });
      expect(res.status).toBe(200);
      expect(res.body.action).toBe('block');
      expect(res.body.policy_version).toBe(0);
      const card = res.body.findings.find((f: any) => f.rule === 'personal.card');
      expect(card).toMatchObject({ field: 'status', action: 'block', category: 'personal', excerpt: CARD });
      expect(text.slice(card.start, card.end)).toBe(CARD);
      expect(card.start).toBe(text.indexOf(CARD));
      expect(typeof card.message).toBe('string');
      expect(card.suggestion).toMatch(/card number/);
      const phone = res.body.findings.find((f: any) => f.rule === 'personal.phone');
      expect(phone).toMatchObject({ field: 'spoiler_text', action: 'warn' });
      expect(`call ${PHONE}`.slice(phone.start, phone.end)).toBe(PHONE);
    });

    it('counts offsets in UTF-16 code units, as JavaScript strings do', async () => {
      const text = `👨‍👩‍👧 café ${CARD}`;
      const res = await author.client.post('/api/roost/v1/screening/check', { text });
      const [finding] = res.body.findings;
      expect(text.slice(finding.start, finding.end)).toBe(CARD);
    });

    it('screens for the public when asked', async () => {
      const internal = await author.client.post('/api/roost/v1/screening/check', { text: `Ring ${PHONE}` });
      const external = await author.client.post('/api/roost/v1/screening/check', {
        text: `Ring ${PHONE}`,
        audience: 'external',
      });
      expect(internal.body.action).toBe('warn');
      expect(external.body.action).toBe('review');
      const clean = await author.client.post('/api/roost/v1/screening/check', { text: 'Lunch at noon?' });
      expect(clean.body).toEqual({ action: 'allow', findings: [], policy_version: 0 });
    });

    it('needs a signed-in person and valid input', async () => {
      expect((await server.anonymous.post('/api/roost/v1/screening/check', { text: 'x' })).status).toBe(401);
      const bad = await author.client.post('/api/roost/v1/screening/check', {
        text: 'x',
        audience: 'everyone',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.field).toBe('audience');
      const missing = await author.client.post('/api/roost/v1/screening/check', {});
      expect(missing.status).toBe(400);
      expect(missing.body.details.field).toBe('text');
    });

    it('is rate limited per person, generously', async () => {
      const typist = await createPerson(server, { username: 'fasttypist' });
      const answers = await Promise.all(
        Array.from({ length: 121 }, (_, i) => typist.client.post('/api/roost/v1/screening/check', { text: `draft ${i}` })),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(120);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
      // Someone else (same address) is not affected.
      expect((await follower.client.post('/api/roost/v1/screening/check', { text: 'hello' })).status).toBe(200);
    });

    it('lists the rule catalogue for the policy editor', async () => {
      const res = await author.client.get('/api/roost/v1/screening/rules');
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual(
        expect.objectContaining({
          id: 'personal.card',
          category: 'personal',
          internal: 'block',
          external: 'block',
        }),
      );
    });
  });

  describe('creating', () => {
    it('refuses a blocked post with its findings and writes nothing', async () => {
      const before = await counts();
      const status = `@named the card is ${CARD} #refunds`;
      const res = await author.client.post('/api/v1/statuses', { status });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('screening_blocked');
      expect(res.body.error).toMatch(/^This post can't be published: /);
      expect(res.body.details.action).toBe('block');
      const finding = res.body.details.findings[0];
      expect(finding).toMatchObject({ rule: 'personal.card', field: 'status', excerpt: CARD });
      expect(res.body.error).toBe(`This post can't be published: ${finding.message}`);
      expect(status.slice(finding.start, finding.end)).toBe(CARD);
      expect(await counts()).toEqual(before);
      const notifications = await mentioned.client.get('/api/v1/notifications');
      expect(notifications.body).toEqual([]);
    });

    it('screens the content warning too, naming the field', async () => {
      const before = await counts();
      const res = await author.client.post('/api/v1/statuses', {
        status: 'see inside',
        spoiler_text: `card ${CARD}`,
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('screening_blocked');
      expect(res.body.details.findings).toEqual([
        expect.objectContaining({ field: 'spoiler_text', start: 5, end: 5 + CARD.length }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('asks for confirmation of a warning, then posts and records the warning', async () => {
      const before = await counts();
      const status = `@named call me on ${PHONE}`;
      const warned = await author.client.post('/api/v1/statuses', { status });
      expect(warned.status).toBe(422);
      expect(warned.body.code).toBe('screening_warning');
      expect(warned.body.details).toMatchObject({
        action: 'warn',
        findings: [expect.objectContaining({ rule: 'personal.phone', field: 'status' })],
      });
      expect(await counts()).toEqual(before);

      const unconfirmed = await author.client.post('/api/v1/statuses', { status, confirm_warnings: false });
      expect(unconfirmed.body.code).toBe('screening_warning');

      const posted = await author.client.post('/api/v1/statuses', { status, confirm_warnings: true });
      expect(posted.status).toBe(200);
      expect(posted.body.roost.moderation).toBeUndefined();
      const after = await counts();
      expect(after.statuses).toBe(before.statuses + 1);
      expect(after.post_screenings).toBe(before.post_screenings + 1);
      const recorded = await server.ctx.database.db
        .selectFrom('post_screenings')
        .selectAll()
        .where('status_id', '=', Number(posted.body.id))
        .executeTakeFirstOrThrow();
      expect(recorded.action).toBe('warn');
      expect(JSON.parse(recorded.findings)[0]).toMatchObject({ rule: 'personal.phone', excerpt: PHONE });
      // It is an ordinary post: followers see it and the mentioned person is told.
      const home = await follower.client.get('/api/v1/timelines/home');
      expect(home.body.map((s: any) => s.id)).toContain(posted.body.id);
      const notifications = await mentioned.client.get('/api/v1/notifications');
      expect(notifications.body.map((n: any) => n.status?.id)).toContain(posted.body.id);
    });

    it('accepts the confirmation from a form post', async () => {
      const form = new URLSearchParams({ status: `Form ${PHONE}`, confirm_warnings: 'true' });
      const res = await fetch(`${server.url}/api/v1/statuses`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${author.token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: form.toString(),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(((await res.json()) as { content: string }).content).toContain('Form');
      const bad = await author.client.post('/api/v1/statuses', { status: 'x', confirm_warnings: 'maybe' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.field).toBe('confirm_warnings');
    });

    it('lets a clean post through untouched', async () => {
      const res = await author.client.post('/api/v1/statuses', { status: 'Standup moved to 10:30' });
      expect(res.status).toBe(200);
      expect(res.body.roost).toEqual({ visibility: 'organization' });
    });
  });

  describe('editing', () => {
    it('screens the new text: a block leaves the post as it was', async () => {
      const created = await author.client.post('/api/v1/statuses', { status: 'Invoice sent' });
      const before = await counts();
      const res = await author.client.put(`/api/v1/statuses/${created.body.id}`, {
        status: `Invoice paid with ${CARD}`,
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('screening_blocked');
      expect(await counts()).toEqual(before);
      const source = await author.client.get(`/api/v1/statuses/${created.body.id}/source`);
      expect(source.body.text).toBe('Invoice sent');
    });

    it('needs confirmation of a warning on edit too', async () => {
      const created = await author.client.post('/api/v1/statuses', { status: 'Ping me' });
      const status = `Ping me at ${PHONE}`;
      const warned = await author.client.put(`/api/v1/statuses/${created.body.id}`, { status });
      expect(warned.status).toBe(422);
      expect(warned.body.code).toBe('screening_warning');
      const confirmed = await author.client.put(`/api/v1/statuses/${created.body.id}`, {
        status,
        confirm_warnings: true,
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.content).toContain('555');
    });

    it('holds a visible post again when the new text needs review', async () => {
      const created = await author.client.post('/api/v1/statuses', { status: 'Expense claims: ask me' });
      expect((await follower.client.get(`/api/v1/statuses/${created.body.id}`)).status).toBe(200);
      const res = await author.client.put(`/api/v1/statuses/${created.body.id}`, {
        status: `Expense claims: pay into ${IBAN}`,
      });
      expect(res.status).toBe(200);
      expect(res.body.roost.moderation).toMatchObject({ state: 'held', action: 'review' });
      expect((await follower.client.get(`/api/v1/statuses/${created.body.id}`)).status).toBe(404);
      const home = await follower.client.get('/api/v1/timelines/home');
      expect(home.body.map((s: any) => s.id)).not.toContain(created.body.id);
      // Editing away the finding does not release it: a moderator decides.
      const cleaned = await author.client.put(`/api/v1/statuses/${created.body.id}`, {
        status: 'Expense claims: ask me',
      });
      expect(cleaned.status).toBe(200);
      expect(cleaned.body.roost.moderation).toMatchObject({ state: 'held', action: 'allow' });
      expect((await follower.client.get(`/api/v1/statuses/${created.body.id}`)).status).toBe(404);
    });
  });
});
