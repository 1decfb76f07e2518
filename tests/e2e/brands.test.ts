/**
 * Brand accounts in a real browser against the real server, the whole line of authority: an
 * owner sets a two-approver workflow and a webhook; a contributor drafts as @northwind through
 * the composer's identity switch; an approver rejects with a comment; the contributor revises;
 * two approvers approve; a publisher schedules it; the owner pauses (a banner everywhere) and
 * resumes with a reason; the post reaches a webhook receiver on loopback, whose Standard Webhooks
 * signature is checked with Roost's exported verifier; an admin reads it all in the audit log.
 * Also: two-factor enrolment in Settings and signing in with the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { totp } from '../../src/services/two-factor/totp.js';
import { nextCode } from '../helpers/brand-setup.js';
import { createPerson, type TestPerson } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { ensureWebBuilt } from './support/build-web.js';
import { signInThroughUi } from './support/roost.js';

const PASSWORD = 'correct horse battery staple';
const FIRST_TEXT =
  'Northwind Labs is hiring, and that is damn good news: come build the future of logistics with us.';
const REVISED_TEXT =
  'Northwind Labs is hiring engineers: come build the future of logistics with us. Applications close on 30 June.';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Tomorrow at 09:00 in local time, as <input type="datetime-local"> takes it. */
function tomorrowAtNine(): { input: string; date: Date } {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return { input: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T09:00`, date };
}

describe('brand accounts in the web app (sqlite)', () => {
  let server: TestServer;
  let browser: Browser;
  let receiver: WebhookReceiver;
  let admin: TestPerson;
  let owner: TestPerson;
  let contributor: TestPerson;
  let approverA: TestPerson;
  let approverB: TestPerson;
  let publisher: TestPerson;
  let brandId = '';
  let brandAccountId = '';
  let draftId = '';
  const watched: WatchedPage[] = [];
  /** Each person's signed-in tab, kept across the steps of the story. */
  const pages = new Map<string, Page>();

  async function signedIn(username: string): Promise<Page> {
    const existing = pages.get(username);
    if (existing) return existing;
    const opened = await openPage(browser);
    watched.push(opened);
    await signInThroughUi(opened.page, server.url, username, PASSWORD);
    pages.set(username, opened.page);
    return opened.page;
  }

  const draftUrl = (id = draftId) => `${server.url}/brands/${brandId}/drafts/${id}`;

  /** A draft written, submitted and approved by both approvers through the API. */
  async function approvedDraft(text: string): Promise<string> {
    const created = await contributor.client.post(`/api/roost/v1/brands/${brandId}/drafts`, { status: text });
    const path = `/api/roost/v1/brands/${brandId}/drafts/${created.body.id}`;
    expect((await contributor.client.post(`${path}/submit`)).body.state).toBe('submitted');
    await approverA.client.post(`${path}/approve`);
    expect((await approverB.client.post(`${path}/approve`)).body.state).toBe('approved');
    return created.body.id;
  }
  const draftState = (page: Page) => page.locator('article.draft-page').getAttribute('data-state');

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite');
    receiver = await WebhookReceiver.start();
    admin = await createPerson(server, {
      username: 'ada',
      password: PASSWORD,
      role: 'admin',
      displayName: 'Ada Admin',
    });
    owner = await createPerson(server, { username: 'olga', password: PASSWORD, displayName: 'Olga Owner' });
    contributor = await createPerson(server, {
      username: 'cora',
      password: PASSWORD,
      displayName: 'Cora Contributor',
    });
    approverA = await createPerson(server, {
      username: 'amir',
      password: PASSWORD,
      displayName: 'Amir Approver',
    });
    approverB = await createPerson(server, {
      username: 'beth',
      password: PASSWORD,
      displayName: 'Beth Approver',
    });
    publisher = await createPerson(server, {
      username: 'pete',
      password: PASSWORD,
      displayName: 'Pete Publisher',
    });

    // Connectors may reach the loopback receiver only because an admin allowed it.
    expect(
      (await admin.client.post('/api/roost/v1/admin/outbound_allowlist', { host: '127.0.0.1' })).status,
    ).toBe(200);
    const created = await admin.client.post('/api/roost/v1/brands', {
      username: 'northwind',
      display_name: 'Northwind Labs',
      colour: '#0e7c66',
      external: false,
      undo_window_seconds: 30,
      owner_ids: [String(owner.accountId)],
    });
    expect(created.status).toBe(200);
    brandId = created.body.id;
    brandAccountId = created.body.account_id;
    for (const [person, roles] of [
      [contributor, ['contributor']],
      [approverA, ['approver']],
      [approverB, ['approver']],
      [publisher, ['publisher']],
    ] as const) {
      expect(
        (await owner.client.put(`/api/roost/v1/brands/${brandId}/members/${person.accountId}`, { roles }))
          .status,
      ).toBe(200);
    }
    // Public brands need two-factor sign-in from their members unless an owner relaxes it (with a reason).
    const relaxed = await owner.client.patch(`/api/roost/v1/brands/${brandId}`, {
      require_two_factor: false,
      reason: 'Browser test: nobody has an authenticator',
    });
    expect(relaxed.body.require_two_factor).toBe(false);
    const external = await admin.client.patch(`/api/roost/v1/brands/${brandId}`, { external: true });
    expect(external.body).toMatchObject({ external: true, require_two_factor: false });

    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await server?.close();
  });

  it('lets the owner require both approvers and add a signed webhook in the settings', async () => {
    const page = await signedIn('olga');
    await page.getByRole('link', { name: 'Brands' }).first().click();
    const row = page.locator('a.brand-row[data-brand="northwind"]');
    await row.waitFor();
    await screenshot(page, 'brands-list');
    await row.click();
    await page.waitForURL(new RegExp(`/brands/${brandId}$`));
    await page.locator('.brand-tabs').getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings$/);

    const step = page.locator('fieldset.workflow-step').first();
    expect(await step.getByLabel('Step name').inputValue()).toBe('Review');
    await step.getByLabel('Quorum').selectOption('all');
    const [saved] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/brands/${brandId}/workflow`) && r.request().method() === 'PUT',
      ),
      page.getByRole('button', { name: 'Save workflow' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    await page.getByText('Workflow saved. Drafts submitted from now on follow it.').waitFor();
    expect((await owner.client.get(`/api/roost/v1/brands/${brandId}/workflow`)).body.steps[0]).toMatchObject({
      quorum: 'all',
      approvers: { roles: ['approver'] },
    });

    await page.getByLabel('Name', { exact: true }).last().fill('Press wire');
    await page.getByLabel('Webhook URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Add destination' }).click();
    const secret = page.getByTestId('connector-secret');
    await secret.waitFor();
    receiver.secret = await secret.inputValue();
    expect(receiver.secret).toMatch(/^whsec_/);
    await page.locator('li.connector[data-connector="webhook"]').getByText(receiver.url).waitFor();
    // Secrets are write-only: the list shows only the last characters.
    const listed = await owner.client.get(`/api/roost/v1/brands/${brandId}/connectors`);
    expect(JSON.stringify(listed.body)).not.toContain(receiver.secret);
    // Below the sticky page header: scroll each section's heading into view with room to spare.
    const show = (id: string) =>
      page.evaluate(
        (target) =>
          window.scrollTo(
            0,
            document.getElementById(target)!.getBoundingClientRect().top + window.scrollY - 90,
          ),
        id,
      );
    await show('members-title');
    await screenshot(page, 'brand-settings');
    await show('workflow-title');
    await screenshot(page, 'brand-settings-workflow');
    await show('connectors-title');
    await screenshot(page, 'brand-settings-connectors');
  });

  it('switches the composer to @northwind and saves a draft, not a post', async () => {
    const page = await signedIn('cora');
    const postingAs = page.getByTestId('posting-as');
    expect(await postingAs.textContent()).toContain('Posting as @cora');
    await page.getByRole('button', { name: 'Post as a brand' }).click();
    await page.getByRole('menuitemradio', { name: /@northwind/ }).click();
    expect(await postingAs.textContent()).toContain('Posting publicly as @northwind');
    expect(await postingAs.getAttribute('data-brand')).toBe('northwind');
    expect(await page.locator('form.composer-brand').count()).toBe(1);
    const composer = page.getByPlaceholder('What should @northwind say?');
    await composer.fill(FIRST_TEXT);
    // Screened as the public will see it: mild language warns for a brand, not for staff.
    const screening = page.getByTestId('brand-screening');
    await screening.waitFor();
    expect(await screening.getByTestId('finding-excerpt').first().textContent()).toBe('damn');
    await screenshot(page, 'brand-composer');

    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/brands/${brandId}/drafts`) && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: 'Save draft' }).click(),
    ]);
    expect(response.status()).toBe(200);
    draftId = ((await response.json()) as { id: string }).id;
    const saved = page.getByTestId('brand-draft-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/Saved as a draft for @northwind/);
    expect(await composer.inputValue()).toBe('');
    // Nothing was posted, by the brand or by the contributor.
    expect((await contributor.client.get(`/api/v1/accounts/${brandAccountId}`)).body.statuses_count).toBe(0);
    expect(
      (await contributor.client.get(`/api/v1/accounts/${contributor.accountId}`)).body.statuses_count,
    ).toBe(0);

    await saved.getByRole('link', { name: 'Open the draft' }).click();
    await page.waitForURL(new RegExp(`/brands/${brandId}/drafts/${draftId}$`));
    expect(await draftState(page)).toBe('draft');
    expect(await page.getByTestId('draft-text').textContent()).toBe(FIRST_TEXT);
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.locator('article.draft-page[data-state="submitted"]').waitFor();
    // The contributor may not approve their own draft: the API says so and no button shows.
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    expect(await page.getByTestId('approval-count').textContent()).toBe('0 / 2');
  });

  it('has an approver reject it with a comment from the review inbox', async () => {
    const page = await signedIn('amir');
    await page.getByRole('link', { name: 'Brands' }).first().click();
    await page.getByRole('link', { name: 'Review inbox' }).click();
    const item = page.locator(`article.review-item[data-draft-id="${draftId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('come build the future of logistics');
    // What screening found is marked in the text itself.
    expect(await item.getByTestId('draft-text').locator('mark').textContent()).toBe('damn');
    await screenshot(page, 'brand-review-inbox');
    await item.getByRole('link', { name: 'Open, comment or reject' }).click();
    await page.waitForURL(new RegExp(`/drafts/${draftId}$`));
    await page.getByRole('button', { name: 'Reject…' }).click();
    await page
      .getByLabel('Comment for the author')
      .fill('No “damn” in public, please; say which roles we hire for and when applications close.');
    await page.getByRole('button', { name: 'Reject', exact: true }).click();
    await page.locator('article.draft-page[data-state="draft"]').waitFor();
    const rejection = page.locator('.comment[data-kind="rejection"]');
    await rejection.waitFor();
    expect(await rejection.textContent()).toContain('when applications close');
  });

  it('lets the contributor revise and resubmit, with the change shown as a word diff', async () => {
    const page = await signedIn('cora');
    await page.reload();
    await page.locator('.comment[data-kind="rejection"]').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Text', { exact: true }).fill(REVISED_TEXT);
    await page.getByRole('button', { name: 'Save revision' }).click();
    await page.getByText('Revision 2 of 2').waitFor();
    const diff = page.getByTestId('revision-diff');
    await diff.waitFor();
    expect(await diff.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('30 June')]),
    );
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.locator('article.draft-page[data-state="submitted"]').waitFor();
  });

  it('needs both approvers (quorum: all); the inbox shows the changes since the last revision', async () => {
    const amir = await signedIn('amir');
    await amir.goto(`${server.url}/brands/review`);
    const item = amir.locator(`article.review-item[data-draft-id="${draftId}"]`);
    await item.waitFor();
    const changes = item.getByTestId('revision-diff');
    await changes.waitFor();
    expect(await changes.locator('ins').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('30 June')]),
    );
    expect((await changes.locator('del').allTextContents()).join('')).toContain('damn');
    await screenshot(amir, 'brand-review-diff');
    await item.getByRole('button', { name: 'Approve' }).click();
    await item.waitFor({ state: 'detached' });
    expect((await approverA.client.get(`/api/roost/v1/brands/${brandId}/drafts/${draftId}`)).body.state).toBe(
      'in_review',
    );

    const beth = await signedIn('beth');
    await beth.goto(draftUrl());
    expect(await beth.getByTestId('approval-count').textContent()).toBe('1 / 2');
    await beth.locator('.approval-person-done').filter({ hasText: 'Amir Approver' }).waitFor();
    await beth.getByRole('button', { name: 'Approve', exact: true }).click();
    await beth.locator('article.draft-page[data-state="approved"]').waitFor();
    expect(await beth.getByTestId('approval-count').textContent()).toBe('2 / 2');
    await screenshot(beth, 'brand-draft');
  });

  it('has the publisher schedule it with the date-time picker, shown on the calendar', async () => {
    const page = await signedIn('pete');
    await page.goto(draftUrl());
    await page.getByRole('button', { name: 'Schedule…' }).click();
    const when = tomorrowAtNine();
    await page.getByLabel('Publish at').fill(when.input);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/drafts/${draftId}/schedule`)),
      page.getByRole('button', { name: 'Schedule', exact: true }).click(),
    ]);
    expect(response.status()).toBe(200);
    const scheduled = (await response.json()) as {
      state: string;
      scheduled_at: string;
      can: { recall: boolean };
    };
    expect(scheduled).toMatchObject({ state: 'scheduled', can: { recall: true } });
    expect(Date.parse(scheduled.scheduled_at)).toBe(when.date.getTime());
    await page.getByTestId('draft-schedule').waitFor();
    await page.getByRole('button', { name: 'Recall' }).waitFor();
    await screenshot(page, 'brand-draft-scheduled');

    await page.goto(`${server.url}/brands/calendar`);
    const entry = page.locator(`.calendar-entry[data-draft-id="${draftId}"]`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain('@northwind');
    await screenshot(page, 'brand-calendar');
    await page.getByRole('tab', { name: 'Week' }).click();
    if (when.date.getDay() === 1) await page.getByRole('button', { name: 'Next week' }).click();
    await entry.waitFor();
    await screenshot(page, 'brand-calendar-week');
  });

  it('pauses (banner everywhere, the due post waits) and resumes with a reason; the webhook gets it signed', async () => {
    const page = await signedIn('olga');
    await page.goto(`${server.url}/brands/${brandId}`);
    await page.locator('.brand-header').getByRole('button', { name: 'Pause' }).click();
    await page.getByLabel('Reason').fill('Industry incident: hold all posts');
    await page.getByRole('button', { name: 'Pause publishing' }).click();
    const banner = page.getByTestId('pause-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Industry incident: hold all posts');
    await page.goto(`${server.url}/`);
    await banner.waitFor();
    await screenshot(page, 'brand-pause-banner');

    // The scheduled time arrives: the schedule moves into the past and the dispatch job runs now.
    const now = Date.now() - 1000;
    const db = server.ctx.database.db;
    await db
      .updateTable('brand_drafts')
      .set({ send_at: now, scheduled_for: now })
      .where('id', '=', Number(draftId))
      .execute();
    const jobs = await db
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('name', '=', 'brand.dispatch')
      .where('dead_at', 'is', null)
      .execute();
    const job = jobs.find((j) => (JSON.parse(j.payload) as { draftId: number }).draftId === Number(draftId))!;
    expect(job).toBeDefined();
    await db
      .updateTable('jobs')
      .set({ run_at: now, payload: JSON.stringify({ draftId: Number(draftId), sendAt: now }) })
      .where('id', '=', job.id)
      .execute();
    await server.ctx.jobs.runDue();
    // The draft page re-reads a due post every two seconds; the worker may have claimed the job first.
    await page.goto(draftUrl());
    await page.getByText('Held by the pause.').waitFor();
    const held = await owner.client.get(`/api/roost/v1/brands/${brandId}/drafts/${draftId}`);
    expect(held.body).toMatchObject({ state: 'scheduled', waiting_for_resume: true, deliveries: [] });
    expect(receiver.received).toHaveLength(0);

    await page.goto(`${server.url}/brands/${brandId}`);
    await page.locator('.brand-header').getByRole('button', { name: 'Resume…' }).click();
    await page.getByLabel('Reason').fill('Incident reviewed; the post is appropriate');
    await page.getByRole('button', { name: 'Resume publishing' }).click();
    await banner.waitFor({ state: 'detached' });

    const hook = await receiver.waitFor((h) => h.payload?.type === 'post.published');
    expect(hook.verified).toBe(true);
    expect(hook.verifyError).toBeNull();
    expect(hook.payload?.data).toMatchObject({
      draft_id: draftId,
      text: REVISED_TEXT,
      brand: { username: 'northwind' },
    });

    await page.goto(draftUrl());
    await page.locator('article.draft-page[data-state="published"]').waitFor({ timeout: 20_000 });
    await page.locator('.delivery[data-state="delivered"]').first().waitFor();
    await screenshot(page, 'brand-draft-published');
    expect((await owner.client.get(`/api/v1/accounts/${brandAccountId}`)).body.statuses_count).toBe(1);
  });

  it('tells approvers and authors about brand events in their notifications, with links', async () => {
    const amir = await signedIn('amir');
    await amir.goto(`${server.url}/notifications`);
    const review = amir.locator('[data-notification-type="brand_review"]').first();
    await review.waitFor();
    expect(await review.textContent()).toContain('A draft for @northwind waits for your approval');
    expect(await review.getByRole('link', { name: 'Open the review inbox' }).getAttribute('href')).toBe(
      '/brands/review',
    );

    const cora = await signedIn('cora');
    await cora.goto(`${server.url}/notifications`);
    const moved = cora.locator('[data-notification-type="brand_update"]').first();
    await moved.waitFor();
    expect(await moved.textContent()).toContain('Your draft for @northwind moved on');
    expect(await moved.getByRole('link', { name: 'See the drafts of @northwind' }).getAttribute('href')).toBe(
      `/brands/${brandId}`,
    );
    await screenshot(cora, 'brand-notifications');
  });

  it('sends now after the undo window, with a countdown during which the publisher recalls it', async () => {
    const id = await approvedDraft('Our warehouse in Leeds opens its doors to visitors this Saturday.');
    const page = await signedIn('pete');
    await page.goto(draftUrl(id));
    await page.getByRole('button', { name: 'Send now' }).click();
    const status = page.getByTestId('draft-schedule');
    await status.waitFor();
    expect(await status.getAttribute('class')).toContain('draft-status-undo');
    expect(await status.getByTestId('countdown').textContent()).toMatch(/^0:[0-3]\d$/);
    expect(await status.textContent()).toContain('Leaving in');
    await screenshot(page, 'brand-undo-countdown');
    await status.getByRole('button', { name: 'Recall' }).click();
    await page.locator('article.draft-page[data-state="draft"]').waitFor();
    expect((await publisher.client.get(`/api/roost/v1/brands/${brandId}/drafts/${id}`)).body).toMatchObject({
      state: 'draft',
      send_at: null,
    });
  });

  it('breaks the glass during a pause only with a second person’s confirmation', async () => {
    const id = await approvedDraft('Service update: deliveries in the north resume tomorrow morning.');
    const paused = await owner.client.post(`/api/roost/v1/brands/${brandId}/pause`, {
      reason: 'Storm warning: hold posts',
    });
    expect(paused.status).toBe(200);
    const olga = await signedIn('olga');
    await olga.goto(draftUrl(id));
    await olga.getByRole('button', { name: 'Break glass…' }).click();
    await olga.getByLabel('Why must this go out now?').fill('Customers need to know deliveries resume');
    await olga.getByRole('button', { name: 'Ask for confirmation' }).click();
    const notice = olga.getByTestId('break-glass');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('A second owner or administrator must confirm');
    expect(await olga.getByRole('button', { name: 'Confirm break glass' }).count()).toBe(0);

    const ada = await signedIn('ada');
    await ada.goto(`${server.url}/brands/${brandId}`);
    const waiting = ada.locator('.brand-callout').locator(`a.draft-item[data-draft-id="${id}"]`);
    await waiting.waitFor();
    await ada.getByTestId('pause-banner').waitFor();
    await screenshot(ada, 'brand-break-glass-request');
    await waiting.click();
    await ada.getByRole('button', { name: 'Confirm break glass' }).click();
    const hook = await receiver.waitFor(
      (h) => h.payload?.type === 'post.published' && h.payload.data.draft_id === id,
    );
    expect(hook.verified).toBe(true);
    await ada.locator('article.draft-page[data-state="published"]').waitFor({ timeout: 20_000 });
    // It went although the brand is still paused.
    expect((await owner.client.get('/api/roost/v1/brands/pause-state')).body.brands).toHaveLength(1);
    const resumed = await owner.client.post(`/api/roost/v1/brands/${brandId}/resume`, {
      reason: 'Storm passed',
    });
    expect(resumed.status).toBe(200);
  });

  it('shows every step in the audit log for admins, with exports', async () => {
    const page = await signedIn('ada');
    await page.getByRole('link', { name: 'Audit log' }).first().click();
    await page.waitForURL(/\/admin\/audit$/);
    await page.getByLabel('Brand', { exact: true }).selectOption(brandId);
    await page.getByRole('button', { name: 'Filter' }).click();
    const table = page.getByTestId('audit-table');
    await table.locator('li[data-action="pause.brand_resume"]').first().waitFor();
    const actions = await table
      .locator('li[data-action]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const action of [
      'draft.create',
      'draft.submit',
      'draft.reject',
      'draft.edit',
      'draft.approve',
      'draft.schedule',
      'pause.brand',
      'draft.held_by_pause',
      'pause.brand_resume',
      'draft.send',
      'workflow.update',
      'connector.create',
      'brand.two_factor_relaxed',
      'draft.recall',
      'draft.break_glass_request',
      'draft.break_glass_confirm',
    ]) {
      expect(actions).toContain(action);
    }
    const resume = table
      .locator('li[data-action="pause.brand_resume"]')
      .filter({ hasText: 'Incident reviewed' });
    expect(await resume.textContent()).toContain('Incident reviewed');
    expect(await resume.textContent()).toContain('Olga Owner');
    await table.locator('li[data-action="workflow.update"]').getByRole('button', { name: 'Details' }).click();
    const details = page.locator('.audit-details-row');
    await details.waitFor();
    expect(await details.textContent()).toContain('"quorum": "all"');
    await screenshot(page, 'brand-audit');

    const csvHref = await page.getByTestId('export-csv').getAttribute('href');
    expect(csvHref).toContain(`brand_id=${brandId}`);
    expect(csvHref).toContain('format=csv');
    const csv = await admin.client.get(csvHref!);
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('pause.brand_resume');
    const json = await admin.client.get((await page.getByTestId('export-json').getAttribute('href'))!);
    expect(json.body.some((row: { action: string }) => row.action === 'draft.reject')).toBe(true);
  });

  it('enrols two-factor sign-in in Settings and asks for the code at sign-in', async () => {
    await createPerson(server, { username: 'tess', password: PASSWORD, displayName: 'Tess Twofactor' });
    const page = await signedIn('tess');
    await page.goto(`${server.url}/settings`);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const shown = (await page.getByTestId('totp-secret').textContent())!;
    expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = shown.replace(/\s+/g, '');
    expect(await page.getByTestId('otpauth-uri').inputValue()).toContain(`secret=${secret}`);
    await page.evaluate(() => document.getElementById('two-factor')?.scrollIntoView());
    await screenshot(page, 'two-factor-enrol');
    await page.getByLabel('Then enter the code it shows').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await screenshot(page, 'two-factor');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByTestId('two-factor-on').waitFor();

    const { page: signIn, problems } = await openPage(browser);
    await signIn.goto(`${server.url}/sign-in`);
    await signIn.getByLabel('Username or email').fill('tess');
    await signIn.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    const code = signIn.getByLabel('Two-factor code');
    await code.waitFor();
    await code.fill(nextCode(secret));
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await signIn.locator('.shell').waitFor();
    expect(problems).toEqual([]);
  });

  it('fits a phone: the draft page and the composer in brand mode', async () => {
    const cora = await signedIn('cora');
    await cora.setViewportSize({ width: 390, height: 844 });
    await cora.goto(draftUrl());
    await cora.locator('article.draft-page[data-state="published"]').waitFor();
    expect(await cora.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(cora, 'brand-draft-phone');
    await cora.goto(`${server.url}/brands/${brandId}`);
    await cora.getByRole('link', { name: 'New draft' }).click();
    await cora.getByTestId('posting-as').filter({ hasText: 'Posting publicly as @northwind' }).waitFor();
    expect(await cora.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(cora, 'brand-composer-phone');
  });

  it('saw no script errors or policy violations on any page', () => {
    for (const { problems } of watched) expect(problems).toEqual([]);
  });
});
