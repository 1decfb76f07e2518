/**
 * Debian's chromium driven by playwright-core: headless, a fresh profile per launch, and pages that
 * record script errors and Content-Security-Policy violations so tests can assert there were none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export function launchBrowser(): Promise<Browser> {
  // launch() gives every browser a fresh temporary profile directory.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions, console errors and CSP violations seen so far. */
  problems: string[];
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(text)) problems.push(`csp: ${text}`);
    else if (message.type() === 'error' && !/Failed to load resource/.test(text)) problems.push(`console: ${text}`);
  });
  return { page, context, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Let fonts and images settle so the picture shows the page as a person sees it.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
