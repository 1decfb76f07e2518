import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  audienceRank,
  canView,
  defaultVisibility,
  parseVisibility,
  toMastodonVisibility,
  VISIBILITIES,
  type Visibility,
} from './visibility.js';

const author = 1;
const post = (visibility: Visibility, mentioned: number[] = []) => ({
  accountId: author,
  visibility,
  mentionedAccountIds: mentioned,
});

describe('canView', () => {
  it('follows the audience table', () => {
    expect(canView({ accountId: 2 }, post('organization'), false)).toBe(true);
    expect(canView({ accountId: 2 }, post('followers'), false)).toBe(false);
    expect(canView({ accountId: 2 }, post('followers'), true)).toBe(true);
    expect(canView({ accountId: 2 }, post('followers', [2]), false)).toBe(true);
    expect(canView({ accountId: 2 }, post('mentioned'), true)).toBe(false);
    expect(canView({ accountId: 2 }, post('mentioned', [2]), false)).toBe(true);
    expect(canView({ accountId: author }, post('mentioned'), false)).toBe(true);
  });

  const visibility = fc.constantFrom(...VISIBILITIES);
  const accountId = fc.integer({ min: 1, max: 6 });
  const arbitraryPost = fc.record({
    accountId,
    visibility,
    mentionedAccountIds: fc.uniqueArray(accountId, { maxLength: 4 }),
  });

  it('shows nothing to anonymous viewers and everything to the author', () => {
    fc.assert(
      fc.property(arbitraryPost, fc.boolean(), (p, follows) => {
        expect(canView(null, p, follows)).toBe(false);
        expect(canView({ accountId: p.accountId }, p, follows)).toBe(true);
      }),
    );
  });

  it('lets mentioned people see any post, and a narrower audience never shows more', () => {
    fc.assert(
      fc.property(arbitraryPost, accountId, fc.boolean(), visibility, (p, viewer, follows, other) => {
        if (p.mentionedAccountIds.includes(viewer))
          expect(canView({ accountId: viewer }, p, follows)).toBe(true);
        if (
          audienceRank(other) >= audienceRank(p.visibility) &&
          canView({ accountId: viewer }, { ...p, visibility: other }, follows)
        ) {
          expect(canView({ accountId: viewer }, p, follows)).toBe(true);
        }
      }),
    );
  });

  it('following only matters for followers-only posts', () => {
    fc.assert(
      fc.property(arbitraryPost, accountId, (p, viewer) => {
        const withFollow = canView({ accountId: viewer }, p, true);
        const without = canView({ accountId: viewer }, p, false);
        if (p.visibility !== 'followers') expect(withFollow).toBe(without);
        else expect(withFollow || !without).toBe(true);
      }),
    );
  });
});

describe('visibility names', () => {
  it('accept Mastodon and Roost names and round-trip', () => {
    for (const v of VISIBILITIES) {
      expect(parseVisibility(v)).toBe(v);
      expect(parseVisibility(toMastodonVisibility(v))).toBe(v);
    }
    expect(parseVisibility('unlisted')).toBe('organization');
    expect(parseVisibility('everyone')).toBeNull();
  });

  it('default a reply to its parent audience and a new post to the organization', () => {
    expect(defaultVisibility(null, null)).toBe('organization');
    expect(defaultVisibility(null, 'followers')).toBe('followers');
    expect(defaultVisibility('organization', 'mentioned')).toBe('organization');
  });
});
