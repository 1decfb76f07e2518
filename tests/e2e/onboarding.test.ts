/**
 * Getting people in, in a real browser: the first administrator's one-time link and password,
 * then an invitation created on the admin page and accepted by a new colleague.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { ensureWebBuilt } from './support/build-web.js';
import { signInThroughUi } from './support/roost.js';

const ADMIN_PASSWORD = 'the admin password is long';

describe('onboarding (sqlite)', () => {
  let server: TestServer;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  let inviteUrl = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    watched = await openPage(browser);
    page = watched.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs the first admin in with the one-time link and has them choose a password', async () => {
    const [message] = await server.ctx.services.setup.firstRunMessages(server.url);
    const link = /(http\S+\/sign-in\/link\/\S+)/.exec(message ?? '')?.[1];
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByRole('heading', { name: /Welcome, / }).waitFor();
    await page.getByLabel('New password').fill(ADMIN_PASSWORD);
    await page.getByLabel('Confirm password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Set password and continue' }).click();
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();

    const again = await openPage(browser);
    await again.page.goto(link!);
    await again.page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
    await signInThroughUi(again.page, server.url, 'admin', ADMIN_PASSWORD);
    await again.page.getByTestId('posting-as').getByText('@admin').waitFor();
    await again.context.close();
  });

  it('creates an invitation on the admin page and shows the link to copy', async () => {
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Admin', exact: true }).click();
    await page.waitForURL(/\/admin$/);
    await page.getByLabel('Work email').fill('dana@example.com');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const url = page.getByTestId('invite-url');
    await url.waitFor();
    inviteUrl = await url.inputValue();
    expect(inviteUrl).toMatch(/\/invite\/\S+$/);
    await page.getByRole('cell', { name: 'dana@example.com' }).waitFor();

    await page.getByLabel('New department').fill('Research');
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.locator('.chip-list').getByText('Research').waitFor();
    await screenshot(page, 'admin');
  });

  it('lets the invited colleague join with a username, a display name and a password', async () => {
    const invitee = await openPage(browser);
    await invitee.page.goto(inviteUrl);
    await invitee.page.getByText('dana@example.com').waitFor();
    await screenshot(invitee.page, 'invite');
    await invitee.page.getByLabel('Username').fill('dana');
    await invitee.page.getByLabel('Display name').fill('Dana Reyes');
    await invitee.page.getByLabel('Password', { exact: true }).fill('dana has a good password');
    await invitee.page.getByLabel('Confirm password').fill('dana has a good password');
    await invitee.page.getByRole('button', { name: 'Join' }).click();
    await invitee.page.getByTestId('posting-as').getByText('@dana').waitFor();
    expect(invitee.problems).toEqual([]);
    await invitee.context.close();

    await page.reload();
    const row = page.getByRole('row', { name: /dana@example\.com/ });
    await expect.poll(() => row.textContent()).toContain('Accepted');
  });

  it('assigns the new colleague to a department, which the directory then shows', async () => {
    await page.getByLabel('Find a person').fill('dana');
    const form = page.getByRole('form', { name: 'Edit Dana Reyes' });
    await form.waitFor();
    const research = await form.locator('select').first().locator('option', { hasText: 'Research' }).getAttribute('value');
    await form.getByLabel('Department of Dana Reyes').selectOption(research!);
    await form.getByLabel('Title of Dana Reyes').fill('Research scientist');
    await Promise.all([
      page.waitForResponse((r) => /\/api\/roost\/v1\/accounts\/\d+$/.test(r.url()) && r.request().method() === 'PATCH' && r.ok()),
      form.getByRole('button', { name: 'Save' }).click(),
    ]);
    await page.goto(`${server.url}/directory?department=${research}`);
    const card = page.getByTestId('directory-results').locator('.account-card', { hasText: 'Dana Reyes' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Research scientist');
  });

  it('broke no Content-Security-Policy rule and threw no script error', () => {
    expect(watched.problems).toEqual([]);
  });
});
