/**
 * OAuth scopes as Mastodon defines them (docs.joinmastodon.org/api/oauth-scopes): the umbrella
 * scopes, their granular forms, and the plain words the consent page uses for each. Coverage
 * follows the same hierarchy as `hasScope`: `read` covers every `read:…`, `admin:read` every
 * `admin:read:…`, and the deprecated `follow` the follow, block and mute scopes.
 */
import { hasScope } from '../auth/viewer.js';

const READ = [
  'accounts',
  'blocks',
  'bookmarks',
  'favourites',
  'filters',
  'follows',
  'lists',
  'mutes',
  'notifications',
  'search',
  'statuses',
];
const WRITE = [
  'accounts',
  'blocks',
  'bookmarks',
  'conversations',
  'favourites',
  'filters',
  'follows',
  'lists',
  'media',
  'mutes',
  'notifications',
  'reports',
  'statuses',
];
const ADMIN = [
  'accounts',
  'reports',
  'domain_allows',
  'domain_blocks',
  'ip_blocks',
  'email_domain_blocks',
  'canonical_email_blocks',
];

export const SCOPES_SUPPORTED: readonly string[] = [
  'read',
  'write',
  'push',
  'follow',
  'profile',
  'admin:read',
  'admin:write',
  ...READ.map((name) => `read:${name}`),
  ...WRITE.map((name) => `write:${name}`),
  ...ADMIN.map((name) => `admin:read:${name}`),
  ...ADMIN.map((name) => `admin:write:${name}`),
];

const KNOWN = new Set(SCOPES_SUPPORTED);

/** What a client gets when it names no scope: Mastodon's default. */
export const DEFAULT_SCOPES: readonly string[] = ['read'];

/** Splits a scope string on spaces (or pluses, as some clients send them in query strings); keeps order, drops repeats. */
export function splitScopes(value: string | string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const raw = Array.isArray(value) ? value.join(' ') : value;
  return [...new Set(raw.split(/[\s+]+/).filter(Boolean))];
}

export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !KNOWN.has(scope));
}

/** True when every requested scope is granted by `granted` (directly or through its umbrella scope). */
export function scopesCovered(granted: readonly string[], requested: readonly string[]): boolean {
  const set = new Set(granted);
  return requested.every((scope) => hasScope(set, scope));
}

const NOUNS: Record<string, string> = {
  accounts: 'profiles and account details',
  blocks: 'blocked people',
  bookmarks: 'bookmarks',
  conversations: 'conversations',
  favourites: 'favourites',
  filters: 'filters',
  follows: 'follows',
  lists: 'lists',
  media: 'media uploads',
  mutes: 'muted people',
  notifications: 'notifications',
  reports: 'reports',
  search: 'search',
  statuses: 'posts',
  domain_allows: 'allowed domains',
  domain_blocks: 'blocked domains',
  ip_blocks: 'blocked IP addresses',
  email_domain_blocks: 'blocked e-mail domains',
  canonical_email_blocks: 'blocked e-mail addresses',
};

const UMBRELLA: Record<string, string> = {
  read: 'Read everything your account can see: posts, timelines, people, notifications, bookmarks and favourites',
  write:
    'Act as you: publish, edit and delete posts, follow people, favourite, bookmark and change your profile',
  follow: 'See and change whom you follow, block and mute',
  push: 'Receive push notifications for your account',
  profile: 'See your profile: your name, username and picture',
  'admin:read': 'Read administration data: people, reports and server settings',
  'admin:write': 'Take administrative and moderation actions',
};

/** The consent page's plain-words line for one scope. */
export function describeScope(scope: string): string {
  const umbrella = UMBRELLA[scope];
  if (umbrella) return umbrella;
  const parts = scope.split(':');
  const noun = NOUNS[parts[parts.length - 1] ?? ''] ?? scope;
  if (parts[0] === 'read') return scope === 'read:search' ? 'Search on your behalf' : `Read your ${noun}`;
  if (parts[0] === 'write') {
    if (scope === 'write:statuses') return 'Publish, edit and delete posts as you';
    return `Change your ${noun}`;
  }
  if (parts[0] === 'admin')
    return parts[1] === 'read' ? `Read administration data: ${noun}` : `Administer ${noun}`;
  return scope;
}
