/**
 * Builds the web app with Vite's build() API when web/dist is missing or older than its sources,
 * so the server under test serves what the tests exercise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DIST_INDEX = path.join(ROOT, 'web/dist/index.html');
const SOURCES = [path.join(ROOT, 'web/src'), path.join(ROOT, 'web/public'), path.join(ROOT, 'web/index.html'), path.join(ROOT, 'vite.config.ts')];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!fs.existsSync(DIST_INDEX)) return true;
  const built = fs.statSync(DIST_INDEX).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > built);
}

export async function ensureWebBuilt(): Promise<void> {
  if (!webBuildIsStale()) return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would otherwise bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), root: path.join(ROOT, 'web'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
