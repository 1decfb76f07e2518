/**
 * Live updates in the browser: posts from people you follow arrive without a reload (or wait
 * behind a "new posts" pill when you are reading further down), deletions disappear, and a
 * mention bumps the notifications badge, which reading the notifications clears for good.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createPerson, type TestPerson } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { ensureWebBuilt } from './support/build-web.js';
import { postCard, signInThroughUi, waitForLiveStream } from './support/roost.js';

const PASSWORD = 'correct horse battery staple';

describe('live updates (sqlite)', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: TestPerson;
  let bob: TestPerson;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite');
    alice = await createPerson(server, { username: 'alice', password: PASSWORD, displayName: 'Alice Martin', departmentName: 'Engineering', title: 'Staff engineer' });
    bob = await createPerson(server, { username: 'bob', password: PASSWORD, displayName: 'Bob Okafor', departmentName: 'Design', title: 'Product designer' });
    expect((await bob.client.post(`/api/v1/accounts/${alice.accountId}/follow`)).status).toBe(200);
    browser = await launchBrowser();
    watched = await openPage(browser);
    page = watched.page;
    await signInThroughUi(page, server.url, 'bob', PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function alicePosts(status: string): Promise<string> {
    const response = await alice.client.post('/api/v1/statuses', { status, visibility: 'public' });
    expect(response.status).toBe(200);
    return response.body.id as string;
  }

  it('shows a followed colleague’s new post without a reload, and announces it', async () => {
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    await waitForLiveStream(page);
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await alicePosts('Live from the platform offsite');
    await postCard(page, 'Live from the platform offsite').waitFor();
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await expect.poll(() => page.getByTestId('live-region').textContent()).toContain('New post from Alice Martin');
  });

  it('keeps new posts behind a “new posts” pill while reading further down', async () => {
    for (let i = 1; i <= 14; i += 1) await alicePosts(`Backlog item number ${i} for the quarterly review`);
    await page.reload();
    await postCard(page, 'Backlog item number 14').waitFor();
    await waitForLiveStream(page);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    await alicePosts('Posted while Bob was scrolled down');
    const pill = page.getByTestId('new-posts');
    await pill.waitFor();
    expect(await pill.textContent()).toContain('1 new post');
    expect(await page.locator('article', { hasText: 'Posted while Bob was scrolled down' }).count()).toBe(0);
    await pill.click();
    const first = page.locator('main article[data-status-id]').first();
    await expect.poll(() => first.textContent()).toContain('Posted while Bob was scrolled down');
    await pill.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('removes a post from the timeline when its author deletes it', async () => {
    const id = await alicePosts('This one will be withdrawn shortly');
    const card = postCard(page, 'This one will be withdrawn shortly');
    await card.waitFor();
    expect((await alice.client.delete(`/api/v1/statuses/${id}`)).status).toBe(200);
    await card.waitFor({ state: 'detached' });
  });

  it('bumps the unread badge live on a mention, and reading notifications clears it for good', async () => {
    const own = await bob.client.post('/api/v1/statuses', { status: 'New icon set is ready for review', visibility: 'public' });
    await alice.client.post(`/api/v1/statuses/${own.body.id}/favourite`);
    await page.goto(`${server.url}/`);
    await waitForLiveStream(page);
    const badge = page.getByRole('navigation', { name: 'Primary' }).getByTestId('unread-badge');
    const before = Number((await badge.count()) ? await badge.textContent() : 0);
    await alicePosts('@bob could you review the icon contrast before Friday?');
    await expect.poll(async () => ((await badge.count()) ? Number(await badge.textContent()) : 0)).toBe(before + 1);

    const marked = page.waitForResponse((r) => r.url().endsWith('/api/v1/markers') && r.request().method() === 'POST');
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: /Notifications/ }).click();
    await page.waitForURL(/\/notifications$/);
    await page.locator('[data-notification-type="mention"]', { hasText: 'could you review the icon contrast' }).waitFor();
    await page.locator('[data-notification-type="favourite"]').getByText('liked your post').waitFor();
    await badge.waitFor({ state: 'detached' });
    expect((await marked).status()).toBe(200);
    await screenshot(page, 'notifications');

    await page.goto(`${server.url}/`);
    await page.locator('main article[data-status-id]').first().waitFor();
    const unread = await bob.client.get('/api/v1/notifications/unread_count');
    expect(unread.body.count).toBe(0);
    expect(await badge.count()).toBe(0);
  });

  it('loads older posts when scrolling to the end of the timeline', async () => {
    for (let i = 1; i <= 6; i += 1) await alicePosts(`Filler update ${i} to pass one page`);
    await page.goto(`${server.url}/`);
    await postCard(page, 'Filler update 6').waitFor();
    const oldest = page.locator('article', { hasText: 'Live from the platform offsite' });
    expect(await oldest.count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await oldest.waitFor();
  });

  it('broke no Content-Security-Policy rule and threw no script error', () => {
    expect(watched.problems).toEqual([]);
  });
});
