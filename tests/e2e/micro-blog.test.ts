/**
 * The web app end to end in a real browser against the real server: signing in, the composer,
 * posting, threads, likes, search, profiles, the directory, settings, keyboard use and phone width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createPerson, type TestPerson } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { ensureWebBuilt } from './support/build-web.js';
import { postCard, signInThroughUi } from './support/roost.js';

const PASSWORD = 'correct horse battery staple';

describe('web app (sqlite)', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: TestPerson;
  let bob: TestPerson;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer('sqlite');
    alice = await createPerson(server, {
      username: 'alice',
      password: PASSWORD,
      displayName: 'Alice Martin',
      departmentName: 'Engineering',
      title: 'Staff engineer',
    });
    bob = await createPerson(server, {
      username: 'bob',
      password: PASSWORD,
      displayName: 'Bob Okafor',
      departmentName: 'Design',
      title: 'Product designer',
    });
    expect((await alice.client.post(`/api/v1/accounts/${bob.accountId}/follow`)).status).toBe(200);
    browser = await launchBrowser();
    watched = await openPage(browser);
    page = watched.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the server’s error for a wrong password, then signs in through the form', async () => {
    const { page: signIn, problems } = await openPage(browser);
    await signIn.goto(`${server.url}/`);
    await signIn.waitForURL(/\/sign-in\?next=/);
    await screenshot(signIn, 'sign-in');
    const expected = await server.anonymous.post('/api/roost/v1/auth/sign_in', { login: 'alice', password: 'wrong password' });
    expect(expected.status).toBe(401);
    await signIn.getByLabel('Username or email').fill('alice');
    await signIn.getByLabel('Password', { exact: true }).fill('wrong password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => signIn.getByRole('alert').textContent()).toBe(expected.body.error);

    await signInThroughUi(page, server.url, 'alice', PASSWORD);
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor();
    expect(problems).toEqual([]);
    await signIn.context().close();
  });

  it('shows who is posting and counts graphemes, turning red past the limit', async () => {
    const max = (await server.anonymous.get('/api/v2/instance')).body.configuration.statuses.max_characters as number;
    const identity = page.getByTestId('posting-as');
    await expect.poll(() => identity.textContent()).toContain('Posting as @alice');
    const count = page.getByTestId('char-count');
    const composer = page.getByLabel('What’s happening?');
    // One family emoji and one flag are two graphemes, though many code points.
    await composer.fill('👨‍👩‍👧🇫🇷');
    await expect.poll(() => count.textContent()).toBe(`2/${max}`);
    await composer.fill('x'.repeat(max));
    expect(await count.getAttribute('class')).not.toContain('over');
    await composer.fill('x'.repeat(max + 1));
    await expect.poll(() => count.getAttribute('class')).toContain('over');
    const color = await count.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = color.match(/\d+/g)!.map(Number);
    expect(r).toBeGreaterThan(150);
    expect(g! + b!).toBeLessThan(r!);
    expect(await page.getByRole('button', { name: 'Post', exact: true }).isDisabled()).toBe(true);
    await composer.fill('');
  });

  it('posts from the composer and shows the post on home, still there after a reload', async () => {
    const text = 'Shipping the new onboarding flow today #launch';
    await page.getByLabel('What’s happening?').fill(text);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Post', exact: true }).click(),
    ]);
    expect(response.status()).toBe(200);
    const first = page.locator('main article[data-status-id]').first();
    await expect.poll(() => first.textContent()).toContain('Shipping the new onboarding flow');
    expect(await page.getByLabel('What’s happening?').inputValue()).toBe('');
    await page.reload();
    await postCard(page, 'Shipping the new onboarding flow').waitFor();
    await screenshot(page, 'home');
  });

  it('keeps the draft and shows the reason when posting fails', async () => {
    await page.route('**/api/v1/statuses', (route) =>
      route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: 'Validation failed: text is too long', code: 'unprocessable' }) }),
    );
    await page.getByLabel('What’s happening?').fill('This draft must survive a failure');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect.poll(() => page.locator('.composer').getByRole('alert').textContent()).toBe('Validation failed: text is too long');
    expect(await page.getByLabel('What’s happening?').inputValue()).toBe('This draft must survive a failure');
    await page.unroute('**/api/v1/statuses');
    await page.getByLabel('What’s happening?').fill('');
  });

  it('replies on the thread page', async () => {
    await postCard(page, 'Shipping the new onboarding flow').locator('[data-action="open"]').click();
    await page.waitForURL(/\/@alice\/\d+$/);
    await page.getByRole('heading', { name: 'Post', level: 1 }).waitFor();
    const reply = page.getByLabel('Reply to @alice');
    await reply.fill('Docs are in the wiki too.');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST' && r.ok()),
      page.getByRole('button', { name: 'Reply', exact: true }).click(),
    ]);
    const replies = page.getByRole('region', { name: 'Replies' });
    await replies.getByText('Docs are in the wiki too.').waitFor();
    await page.reload();
    await replies.getByText('Docs are in the wiki too.').waitFor();
    expect(await page.locator('.status-detail [data-action="reply"]').getAttribute('aria-label')).toBe('Reply (1)');
    await screenshot(page, 'thread');
  });

  it('likes a post: the count increments at once and survives a reload', async () => {
    const posted = await bob.client.post('/api/v1/statuses', { status: 'Fresh mockups for the settings page are up', visibility: 'public' });
    expect(posted.status).toBe(200);
    await page.goto(`${server.url}/`);
    const card = postCard(page, 'Fresh mockups for the settings page');
    const like = card.locator('[data-action="favourite"]');
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/favourite') && r.ok()), like.click()]);
    expect(await like.getAttribute('aria-pressed')).toBe('true');
    expect(await card.getByTestId('favourite-count').textContent()).toBe('1');
    await page.reload();
    const again = postCard(page, 'Fresh mockups for the settings page').locator('[data-action="favourite"]');
    await expect.poll(() => again.getAttribute('aria-pressed')).toBe('true');
    expect(await postCard(page, 'Fresh mockups for the settings page').getByTestId('favourite-count').textContent()).toBe('1');
    const seenByBob = await bob.client.get(`/api/v1/statuses/${posted.body.id}`);
    expect(seenByBob.body.favourites_count).toBe(1);
  });

  it('searches people and posts from the search box', async () => {
    const box = page.getByRole('search').getByLabel('Search Roost');
    await box.fill('Bob');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=Bob/);
    const people = page.getByRole('tabpanel');
    await people.getByText('Bob Okafor').waitFor();
    await page.getByLabel('Search people, hashtags and posts').fill('onboarding');
    await page.getByLabel('Search people, hashtags and posts').press('Enter');
    await page.waitForURL(/q=onboarding/);
    await page.getByRole('tab', { name: /Posts/ }).click();
    await page.getByRole('tabpanel').getByText('Shipping the new onboarding flow').waitFor();
    await screenshot(page, 'search');
  });

  it('opens a profile from a post’s author', async () => {
    await page.goto(`${server.url}/`);
    await postCard(page, 'Fresh mockups for the settings page').getByRole('link', { name: 'Bob Okafor' }).click();
    await page.waitForURL(/\/@bob$/);
    const profile = page.locator('section.profile');
    await profile.getByRole('heading', { name: 'Bob Okafor' }).waitFor();
    expect(await profile.textContent()).toContain('Product designer');
    expect(await profile.textContent()).toContain('Design');
    expect(await profile.getByRole('button', { name: 'Following' }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('main article[data-status-id]').filter({ hasText: 'Fresh mockups' }).waitFor();
    await screenshot(page, 'profile');
  });

  it('filters the directory by department', async () => {
    await page.goto(`${server.url}/directory`);
    const results = page.getByTestId('directory-results');
    await results.getByText('Alice Martin').waitFor();
    await results.getByText('Bob Okafor').waitFor();
    const design = await page.locator('#directory-department option', { hasText: 'Design' }).getAttribute('value');
    await page.getByLabel('Department', { exact: true }).selectOption(design!);
    await page.waitForURL(/department=/);
    await expect.poll(async () => (await results.locator('.account-card').allTextContents()).join(' | ')).toMatch(/Bob Okafor/);
    await expect.poll(async () => (await results.locator('.account-card').allTextContents()).join(' | ')).not.toMatch(/Alice Martin/);
    await screenshot(page, 'directory');
  });

  it('saves profile settings and shows them on the profile', async () => {
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Job title').fill('Principal engineer');
    await page.getByLabel('Bio').fill('I look after the platform. Ask me about #deploys.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile is saved.').waitFor();
    await screenshot(page, 'settings');
    await page.goto(`${server.url}/@alice`);
    await page.locator('section.profile').getByText('Principal engineer').waitFor();
    expect(await page.locator('.profile-note').textContent()).toContain('I look after the platform.');
  });

  it('works from the keyboard: skip link, n to write, Ctrl+Enter to post, j and l to like, ? for help', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('main article[data-status-id]').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id)).toBeTruthy();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-primary-composer'))).toBe(true);
    await page.keyboard.type('Typed without a mouse');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/statuses') && r.request().method() === 'POST' && r.ok()),
      page.keyboard.press('Control+Enter'),
    ]);
    await postCard(page, 'Typed without a mouse').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toContain('Typed without a mouse');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/favourite') && r.ok()), page.keyboard.press('l')]);
    expect(await postCard(page, 'Typed without a mouse').locator('[data-action="favourite"]').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('r');
    const replyBox = page.locator('.status-reply-composer textarea');
    await replyBox.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('.status-reply-composer') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await replyBox.waitFor({ state: 'detached' });
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('fits a phone: tab bar instead of the side navigation', async () => {
    const state = await watched.context.storageState();
    const phone = await openPage(browser, { storageState: state, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.page.goto(`${server.url}/`);
    await phone.page.locator('main article[data-status-id]').first().waitFor();
    expect(await phone.page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(true);
    expect(await phone.page.getByRole('navigation', { name: 'Primary' }).isVisible()).toBe(false);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'phone-home');
    await phone.page.getByRole('button', { name: 'More sections' }).click();
    await phone.page.getByRole('link', { name: 'Directory' }).click();
    await phone.page.waitForURL(/\/directory/);
    expect(phone.problems).toEqual([]);
    await phone.context.close();

    const dark = await openPage(browser, { storageState: state, colorScheme: 'dark' });
    await dark.page.goto(`${server.url}/`);
    await dark.page.locator('main article[data-status-id]').first().waitFor();
    const background = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(243, 244, 247)');
    await screenshot(dark.page, 'home-dark');
    await dark.context.close();
  });

  it('shows everyone’s posts on the organization timeline', async () => {
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Organization' }).click();
    await page.waitForURL(/\/organization$/);
    await postCard(page, 'Fresh mockups for the settings page').waitFor();
    await postCard(page, 'Shipping the new onboarding flow').waitFor();
    expect(await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Organization' }).getAttribute('aria-current')).toBe('page');
  });

  it('follows a hashtag from its page, reached by clicking the tag in a post', async () => {
    await page.goto(`${server.url}/`);
    await postCard(page, 'Shipping the new onboarding flow').getByRole('link', { name: '#launch' }).click();
    await page.waitForURL(/\/tags\/launch$/);
    await page.getByRole('heading', { name: '#launch', level: 1 }).waitFor();
    await postCard(page, 'Shipping the new onboarding flow').waitFor();
    const follow = page.getByRole('button', { name: 'Follow hashtag' });
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/tags/launch/follow') && r.ok()), follow.click()]);
    expect(await page.getByRole('button', { name: 'Following' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('complementary').getByRole('link', { name: '#launch' }).waitFor();
    const tag = await alice.client.get('/api/v1/tags/launch');
    expect(tag.body.following).toBe(true);
  });

  it('edits an own post, marks it edited and shows the history', async () => {
    await page.goto(`${server.url}/@alice`);
    const card = postCard(page, 'Typed without a mouse');
    await card.getByRole('button', { name: 'More actions' }).click();
    await card.getByRole('menuitem', { name: 'Edit' }).click();
    const text = card.getByLabel('Post text');
    await expect.poll(() => text.inputValue()).toBe('Typed without a mouse');
    await text.fill('Typed without a mouse, then edited');
    await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/statuses\/\d+$/.test(r.url()) && r.request().method() === 'PUT' && r.ok()),
      card.getByRole('button', { name: 'Save' }).click(),
    ]);
    const edited = postCard(page, 'then edited');
    await edited.getByRole('button', { name: 'edited' }).click();
    const history = page.getByRole('dialog', { name: 'Edit history' });
    await history.getByText('Typed without a mouse, then edited').waitFor();
    expect(await history.locator('.history-item').count()).toBe(2);
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });
  });

  it('deletes an own post after confirming', async () => {
    const card = postCard(page, 'then edited');
    await card.getByRole('button', { name: 'More actions' }).click();
    await card.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete post?' });
    await Promise.all([
      page.waitForResponse((r) => /\/api\/v1\/statuses\/\d+$/.test(r.url()) && r.request().method() === 'DELETE' && r.ok()),
      confirm.getByRole('button', { name: 'Delete' }).click(),
    ]);
    await card.waitFor({ state: 'detached' });
    await page.reload();
    await page.locator('main article[data-status-id]').first().waitFor();
    expect(await page.locator('article', { hasText: 'then edited' }).count()).toBe(0);
  });

  it('bookmarks a post and finds it on the bookmarks page', async () => {
    await page.goto(`${server.url}/`);
    const bookmark = postCard(page, 'Fresh mockups for the settings page').locator('[data-action="bookmark"]');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/bookmark') && r.ok()), bookmark.click()]);
    expect(await bookmark.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Bookmarks' }).click();
    await page.waitForURL(/\/bookmarks$/);
    await postCard(page, 'Fresh mockups for the settings page').waitFor();
  });

  it('shows a reshare with the resharer’s name', async () => {
    // Alice follows Bob, not Carol: Carol's post reaches Alice's home through Bob's reshare.
    const carol = await createPerson(server, { username: 'carol', displayName: 'Carol Nguyen', departmentName: 'Engineering', title: 'Engineering manager' });
    const target = await carol.client.post('/api/v1/statuses', { status: 'The platform sync moves to Thursday', visibility: 'public' });
    expect((await bob.client.post(`/api/v1/statuses/${target.body.id}/reblog`)).status).toBe(200);
    await page.goto(`${server.url}/`);
    const card = postCard(page, 'The platform sync moves to Thursday');
    await card.waitFor();
    expect(await card.locator('.status-context').textContent()).toBe('Bob Okafor reshared');
    expect(await card.locator('.status-name').textContent()).toBe('Carol Nguyen');
    expect(await card.locator('[data-action="reblog"]').getAttribute('aria-label')).toBe('Reshare (1)');
  });

  it('broke no Content-Security-Policy rule and threw no script error', () => {
    expect(watched.problems).toEqual([]);
  });
});
