/**
 * Setting up brand accounts for tests through the real API: two-factor enrolment (computing TOTP
 * codes as an authenticator app would), brands with members in roles, and waiting for the outbox.
 */
import { base32Decode } from '../../src/services/two-factor/base32.js';
import { hotp, timeStep, totp } from '../../src/services/two-factor/totp.js';
import type { ApiClient } from './api-client.js';
import { createPerson, type PersonOverrides, type TestPerson } from './factories.js';
import type { TestServer } from './server.js';

export interface TwoFactorEnrolment {
  secret: string;
  recoveryCodes: string[];
}

/** Enrols the person in two-factor sign-in through the API, as the web app would. */
export async function enableTwoFactor(client: ApiClient): Promise<TwoFactorEnrolment> {
  const setup = await client.post('/api/roost/v1/two_factor/setup');
  if (setup.status !== 200)
    throw new Error(`two-factor setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const confirm = await client.post('/api/roost/v1/two_factor/confirm', { code: totp(setup.body.secret) });
  if (confirm.status !== 200)
    throw new Error(`two-factor confirm failed: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  return { secret: setup.body.secret, recoveryCodes: confirm.body.recovery_codes };
}

/** A code for the next time step: accepted (±1 step) and newer than any code used so far. */
export function nextCode(secret: string): string {
  return hotp(base32Decode(secret), timeStep() + 1);
}

export interface Staff extends TestPerson {
  client: ApiClient;
}

export async function person(
  server: TestServer,
  overrides: PersonOverrides & { twoFactor?: boolean } = {},
): Promise<Staff> {
  const created = await createPerson(server, overrides);
  if (overrides.twoFactor) await enableTwoFactor(created.client);
  return created;
}

export interface BrandFixture {
  id: string;
  accountId: string;
  username: string;
}

let brandSequence = 0;

/** Creates a brand as `admin` and gives each person their roles. */
export async function createBrand(
  admin: ApiClient,
  options: {
    external?: boolean;
    undoWindowSeconds?: number;
    members?: Array<[TestPerson, string[]]>;
    username?: string;
  } = {},
): Promise<BrandFixture> {
  brandSequence += 1;
  const username = options.username ?? `brand${process.pid}_${brandSequence}`;
  const created = await admin.post('/api/roost/v1/brands', {
    username,
    display_name: `Brand ${brandSequence}`,
    external: options.external ?? false,
    undo_window_seconds: options.undoWindowSeconds ?? 0,
  });
  if (created.status !== 200)
    throw new Error(`brand creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  for (const [member, roles] of options.members ?? []) {
    const set = await admin.put(`/api/roost/v1/brands/${created.body.id}/members/${member.accountId}`, {
      roles,
    });
    if (set.status !== 200)
      throw new Error(`setting roles failed: ${set.status} ${JSON.stringify(set.body)}`);
  }
  return { id: created.body.id, accountId: created.body.account_id, username };
}

/** Polls `read` until `done` holds: for work the job queue does after a request has answered. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    last = await read();
  }
  return last;
}

export function draftPath(brand: BrandFixture, draftId: string, action = ''): string {
  return `/api/roost/v1/brands/${brand.id}/drafts/${draftId}${action ? `/${action}` : ''}`;
}
