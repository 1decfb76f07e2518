/** The OAuth scope names Roost knows: Mastodon's umbrella scopes and their granular forms. */
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

export const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  'read',
  'write',
  'follow',
  'push',
  'profile',
  'admin:read',
  'admin:write',
  ...READ.map((s) => `read:${s}`),
  ...WRITE.map((s) => `write:${s}`),
  ...ADMIN.flatMap((s) => [`admin:read:${s}`, `admin:write:${s}`]),
]);

/** Splits a space- or comma-separated scope list; returns the unknown names alongside. */
export function parseScopes(value: string): { scopes: string[]; unknown: string[] } {
  const scopes = [...new Set(value.split(/[\s,]+/).filter(Boolean))];
  return { scopes, unknown: scopes.filter((s) => !KNOWN_SCOPES.has(s)) };
}
