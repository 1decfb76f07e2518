import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canView, VISIBILITIES, type ModerationState } from './visibility.js';

const STATES: ModerationState[] = ['visible', 'held', 'removed'];

describe('canView with a moderation state', () => {
  it('shows held and removed posts to their author only, whatever the audience', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VISIBILITIES),
        fc.constantFrom(...STATES),
        fc.integer({ min: 1, max: 5 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { maxLength: 4 }),
        fc.boolean(),
        (visibility, moderationState, viewer, mentioned, follows) => {
          const post = { accountId: 1, visibility, mentionedAccountIds: mentioned, moderationState };
          const plain = canView({ accountId: viewer }, { ...post, moderationState: undefined }, follows);
          const seen = canView({ accountId: viewer }, post, follows);
          if (viewer === 1) expect(seen).toBe(true);
          else if (moderationState === 'visible') expect(seen).toBe(plain);
          else expect(seen).toBe(false);
        },
      ),
    );
  });

  it('keeps the audience rule for visible posts', () => {
    expect(
      canView(
        { accountId: 2 },
        { accountId: 1, visibility: 'organization', mentionedAccountIds: [], moderationState: 'visible' },
        false,
      ),
    ).toBe(true);
    expect(
      canView(
        { accountId: 2 },
        { accountId: 1, visibility: 'organization', mentionedAccountIds: [2], moderationState: 'held' },
        true,
      ),
    ).toBe(false);
  });
});
