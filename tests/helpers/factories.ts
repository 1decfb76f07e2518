/**
 * Test factories: people created through the real services (never raw SQL), each with a bearer
 * token carrying every scope, and sign-in through the real endpoint for cookie-based tests.
 */
import type { UserRole } from '../../src/db/schema.js';
import { ALL_SCOPES } from '../../src/services/auth/viewer.js';
import { ApiClient } from './api-client.js';
import type { TestServer } from './server.js';

export interface PersonOverrides {
  username?: string;
  email?: string;
  /** Without one the person has no password (as the first admin before setting one). */
  password?: string;
  role?: UserRole;
  displayName?: string;
  /** Found or created by name. */
  departmentName?: string;
  title?: string;
}

export interface TestPerson {
  accountId: number;
  userId: number;
  username: string;
  token: string;
  /** A client authenticated with `token` (all scopes). */
  client: ApiClient;
}

let sequence = 0;

export async function createPerson(server: TestServer, overrides: PersonOverrides = {}): Promise<TestPerson> {
  sequence += 1;
  const username = overrides.username ?? `person${process.pid}_${sequence}`;
  const { accounts, credentials } = server.ctx.services;
  let departmentId: number | null = null;
  if (overrides.departmentName) {
    const existing = await accounts.departmentByName(overrides.departmentName);
    departmentId = existing ? existing.id : (await accounts.createDepartment(overrides.departmentName)).id;
  }
  const { accountId, userId } = await accounts.createPerson({
    username,
    email: overrides.email ?? `${username.toLowerCase()}@example.com`,
    password: overrides.password ?? null,
    role: overrides.role ?? 'member',
    displayName: overrides.displayName ?? username,
    departmentId,
    title: overrides.title ?? '',
  });
  const { secret } = await credentials.createAccessToken(userId, { scopes: [...ALL_SCOPES], name: 'test' });
  return { accountId, userId, username, token: secret, client: server.client(secret) };
}

/** Signs in through POST /api/roost/v1/auth/sign_in and returns a client that sends the session cookie. */
export async function signInWithCookie(
  server: TestServer,
  login: string,
  password: string,
): Promise<ApiClient> {
  const response = await fetch(`${server.url}/api/roost/v1/auth/sign_in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in as ${login} failed with ${response.status}: ${await response.text()}`);
  return new ApiClient(server.url).withCookie(sessionCookieFrom(response.headers));
}

/** `roost_session=<value>` from a response's Set-Cookie headers (throws when there is none). */
export function sessionCookieFrom(headers: Headers): string {
  for (const line of headers.getSetCookie()) {
    const match = /^roost_session=([^;]*)/.exec(line);
    if (match && match[1]) return `roost_session=${match[1]}`;
  }
  throw new Error('the response set no roost_session cookie');
}
