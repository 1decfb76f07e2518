/** Roost-specific steps for browser tests: signing in through the UI, finding posts on a page. */
import type { Locator, Page } from 'playwright-core';

export async function signInThroughUi(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.shell').waitFor();
}

/** The post card whose text contains `text` (reshares show the original's card). */
export function postCard(page: Page, text: string): Locator {
  return page.locator('article[data-status-id]').filter({ hasText: text }).first();
}

/** Waits until the user stream is connected, so a post made after this arrives live. */
export async function waitForLiveStream(page: Page): Promise<void> {
  await page.locator('.shell[data-live="open"]').waitFor();
}
