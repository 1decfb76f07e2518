/**
 * Screening in the web app, in a real browser against the real server: the composer highlights
 * what screening finds as the author types, a warning is confirmed with "Post anyway", a blocked
 * post keeps its draft, a held post says so, and a moderator releases it from the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createPerson, type TestPerson } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { ensureWebBuilt } from './support/build-web.js';
import { postCard, signInThroughUi } from './support/roost.js';

const PASSWORD = 'correct horse battery staple';
const CARD = '4111 1111 1111 1111';
const IBAN = 'DE89 3704 0044 0532 0130 00';

describe('screening in the web app (sqlite)', () => {
  let server: TestServer;
  let browser: Browser;
  let author: TestPerson;
  let moderator: TestPerson;
  let follower: TestPerson;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite');
    author = await createPerson(server, { username: 'dana', password: PASSWORD, displayName: 'Dana Reyes' });
    moderator = await createPerson(server, {
      username: 'mod',
      password: PASSWORD,
      displayName: 'Morgan Mod',
      role: 'moderator',
    });
    follower = await createPerson(server, { username: 'fran', password: PASSWORD });
    expect((await follower.client.post(`/api/v1/accounts/${author.accountId}/follow`)).status).toBe(200);
    browser = await launchBrowser();
    watched = await openPage(browser);
    page = watched.page;
    await signInThroughUi(page, server.url, 'dana', PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('highlights a card number in the composer as it is typed', async () => {
    const composer = page.getByLabel('What’s happening?');
    const text = `Refund the customer on ${CARD} please`;
    await composer.fill(text);
    const findings = page.getByTestId('screening-findings');
    await findings.waitFor();
    expect(await findings.getAttribute('data-action')).toBe('block');
    const excerpt = findings.getByTestId('finding-excerpt').first();
    expect(await excerpt.textContent()).toBe(CARD);
    expect(await excerpt.evaluate((el) => el.tagName)).toBe('MARK');
    expect(await findings.textContent()).toMatch(/card number/i);
    await screenshot(page, 'screening-composer');

    // Posting it is refused: the draft stays and the reason is shown.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Post', exact: true }).click(),
    ]);
    expect(response.status()).toBe(422);
    await page.getByTestId('screening-refusal').waitFor();
    await expect
      .poll(() => page.locator('.composer').getByRole('alert').textContent())
      .toMatch(/^This post can't be published: /);
    expect(await composer.inputValue()).toBe(text);

    // Removing the card number clears the findings.
    await composer.fill('Refund the customer please');
    await expect.poll(() => page.getByTestId('screening-findings').count()).toBe(0);
    await composer.fill('');
    expect(watched.problems).toEqual([]);
  });

  it('asks for confirmation of a warning and posts with "Post anyway"', async () => {
    const composer = page.getByLabel('What’s happening?');
    await composer.fill('Call me on +1 415 555 0132 about the offsite');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const refusal = page.getByTestId('screening-refusal');
    await refusal.getByRole('button', { name: 'Post anyway' }).waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST'),
      refusal.getByRole('button', { name: 'Post anyway' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(JSON.parse(response.request().postData()!).confirm_warnings).toBe(true);
    await postCard(page, 'about the offsite').waitFor();
    expect(await composer.inputValue()).toBe('');
  });

  it('shows a held post as held, and a moderator releases it from the queue', async () => {
    const text = `Reimbursements go to ${IBAN} from now on`;
    await page.getByLabel('What’s happening?').fill(text);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Post', exact: true }).click(),
    ]);
    expect(response.status()).toBe(200);
    const held = (await response.json()) as { id: string };
    const banner = postCard(page, 'Reimbursements go to').getByTestId('moderation-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Held for review/);
    expect((await follower.client.get(`/api/v1/statuses/${held.id}`)).status).toBe(404);

    const { page: modPage, problems } = await openPage(browser);
    await signInThroughUi(modPage, server.url, 'mod', PASSWORD);
    await modPage.getByRole('link', { name: 'Moderation' }).first().click();
    await modPage.waitForURL(/\/moderation$/);
    const item = modPage.locator(`article[data-status-id="${held.id}"]`);
    await item.waitFor();
    const marked = item.getByTestId('held-text').locator('mark');
    expect(await marked.textContent()).toBe(IBAN);
    expect(await item.textContent()).toMatch(/bank account number/i);
    await screenshot(modPage, 'moderation-queue');
    const [release] = await Promise.all([
      modPage.waitForResponse((r) => r.url().includes(`/moderation/statuses/${held.id}/release`)),
      item.getByRole('button', { name: 'Release' }).click(),
    ]);
    expect(release.status()).toBe(200);
    await item.waitFor({ state: 'detached' });
    await modPage.getByText('Nothing is waiting for review.').waitFor();

    const seen = await follower.client.get('/api/v1/timelines/home');
    expect(seen.body.map((s: { id: string }) => s.id)).toContain(held.id);
    expect(problems).toEqual([]);
    await modPage.context().close();
  });

  it('lets an admin add a codename to the policy and save it as a new version', async () => {
    await createPerson(server, { username: 'ada', password: PASSWORD, role: 'admin' });
    const { page: adminPage, problems } = await openPage(browser);
    await signInThroughUi(adminPage, server.url, 'ada', PASSWORD);
    await adminPage.getByRole('link', { name: 'Screening policy' }).first().click();
    await adminPage.waitForURL(/\/admin\/screening$/);
    await adminPage.getByText('Built-in policy (no version saved yet)').waitFor();
    await adminPage.getByLabel('Codenames').fill('Bluejay\nOsprey');
    await adminPage.getByLabel('Staff posts: confidential.codename').selectOption('review');
    await adminPage.getByLabel('Note for the history').fill('Spring launches');
    const [saved] = await Promise.all([
      adminPage.waitForResponse(
        (r) => r.url().endsWith('/api/roost/v1/screening/policy') && r.request().method() === 'PUT',
      ),
      adminPage.getByRole('button', { name: 'Save as new version' }).click(),
    ]);
    expect(saved.status()).toBe(200);
    const history = adminPage.getByTestId('policy-history');
    await history.locator('[data-version="1"]').waitFor();
    expect(await history.textContent()).toMatch(/Spring launches/);
    expect(await history.textContent()).toMatch(/Codenames: added “Bluejay”, “Osprey”/);
    await screenshot(adminPage, 'screening-policy');
    const check = await author.client.post('/api/roost/v1/screening/check', { text: 'Osprey ships soon' });
    expect(check.body).toMatchObject({ action: 'review', policy_version: 1 });
    expect(problems).toEqual([]);
    await adminPage.context().close();
  });

  it('keeps the queue and the policy page from people without the role', async () => {
    await page.goto(`${server.url}/moderation`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Moderation', level: 1 }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Moderation' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/screening`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Screening policy', level: 1 }).count()).toBe(0);
  });
});
