import { describe, expect, it } from 'vitest';
import { describeScope, SCOPES_SUPPORTED, scopesCovered, splitScopes, unknownScopes } from './scopes.js';

describe('OAuth scopes', () => {
  it('splits on spaces and pluses and drops repeats', () => {
    expect(splitScopes('read  write+follow read')).toEqual(['read', 'write', 'follow']);
    expect(splitScopes(['read', 'write:statuses'])).toEqual(['read', 'write:statuses']);
    expect(splitScopes(undefined)).toEqual([]);
  });

  it('knows Mastodon’s scopes and nothing else', () => {
    expect(
      unknownScopes(['read', 'profile', 'write:statuses', 'admin:read:accounts', 'admin:write:ip_blocks']),
    ).toEqual([]);
    expect(unknownScopes(['read', 'crypto', 'read:everything', 'admin'])).toEqual([
      'crypto',
      'read:everything',
      'admin',
    ]);
    expect(SCOPES_SUPPORTED).toContain('write:conversations');
  });

  it('lets an umbrella scope cover its granular forms, never the other way round', () => {
    expect(scopesCovered(['read', 'write'], ['read:statuses', 'write:media'])).toBe(true);
    expect(scopesCovered(['admin:read'], ['admin:read:reports'])).toBe(true);
    expect(scopesCovered(['follow'], ['write:follows', 'read:blocks'])).toBe(true);
    expect(scopesCovered(['read:statuses'], ['read'])).toBe(false);
    expect(scopesCovered(['read'], ['write:statuses'])).toBe(false);
    expect(scopesCovered(['read'], ['profile'])).toBe(false);
  });

  it('describes every supported scope in words', () => {
    for (const scope of SCOPES_SUPPORTED) expect(describeScope(scope)).not.toBe(scope);
    expect(describeScope('write:statuses')).toBe('Publish, edit and delete posts as you');
  });
});
