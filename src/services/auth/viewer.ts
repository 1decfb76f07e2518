/** The person behind a request: who they are, what their role is and what their credential allows. */
import type { UserRole } from '../../db/schema.js';

export interface Viewer {
  userId: number;
  accountId: number;
  role: UserRole;
  /** Granted scopes; a session cookie carries every scope. */
  scopes: ReadonlySet<string>;
  credential: { kind: 'session'; id: number } | { kind: 'token'; id: number };
}

export const ALL_SCOPES = ['read', 'write', 'follow', 'push', 'admin:read', 'admin:write'] as const;

/** Mastodon's scope rule: `read` grants every `read:…`, and likewise for write and admin:read/admin:write. */
export function hasScope(scopes: ReadonlySet<string>, needed: string): boolean {
  if (scopes.has(needed)) return true;
  const colon = needed.lastIndexOf(':');
  if (colon > 0 && scopes.has(needed.slice(0, colon))) return true;
  // `follow` is the legacy umbrella for the follow-related write and read scopes.
  if (
    scopes.has('follow') &&
    ['read:follows', 'write:follows', 'read:blocks', 'write:blocks', 'read:mutes', 'write:mutes'].includes(needed)
  ) {
    return true;
  }
  return false;
}
