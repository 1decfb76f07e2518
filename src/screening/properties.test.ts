import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionRank } from './actions.js';
import { screen } from './screen.js';
import { testPolicy } from './test-helpers.js';

const FRAGMENTS = [
  'fuck', 'sh1t', 'f u c k', 'Falcon', '#DeliaStrong', 'died in the earthquake', 'lol', '20% off', 'jane.doe@gmail.com',
  '4111 1111 1111 1111', '212-555-0143', 'AKIAIOSFODNN7EXAMPLE', 'http://10.0.0.5/x', 'CONFIDENTIAL', 'Q3 revenue will be $48M',
  'password=hunter2hunter2', 'Scunthorpe', 'killer feature', '\u200B', 'ｆ', '\uD800', '\uDC00', '😂', 'é', 'e\u0301', '\n', ' ',
];

/** Strings built from risky fragments and arbitrary code units, lone surrogates included. */
const postArbitrary = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 30 }).map((parts) => parts.join(' ')),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
);

const BENIGN_SENTENCES = [
  'Have a great weekend, everyone.',
  'The team lunch is on Friday at noon.',
  'Thanks for all the hard work this quarter!',
  'Our new office opens next month.',
  'Please update your laptops before Monday.',
];

describe('engine properties', () => {
  it('never throws and keeps every finding inside the text', () => {
    fc.assert(
      fc.property(postArbitrary, fc.constantFrom('internal' as const, 'external' as const), (text, audience) => {
        const result = screen(text, audience, testPolicy());
        for (const f of result.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.start).toBeLessThan(f.end);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.excerpt).toBe(text.slice(f.start, f.end));
          expect(actionRank(f.action)).toBeLessThanOrEqual(actionRank(result.action));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never lowers the action when a separate benign sentence is added before or after', () => {
    fc.assert(
      fc.property(
        postArbitrary,
        fc.constantFrom(...BENIGN_SENTENCES),
        fc.boolean(),
        fc.constantFrom('internal' as const, 'external' as const),
        (post, sentence, before, audience) => {
          const alone = screen(post, audience, testPolicy()).action;
          const combined = before ? `${sentence}\n${post}` : `${post}\n${sentence}`;
          const together = screen(combined, audience, testPolicy()).action;
          expect(actionRank(together)).toBeGreaterThanOrEqual(actionRank(alone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds the same things whatever came before in other calls (no state leaks)', () => {
    const text = 'call 212-555-0143 about Falcon, f u c k';
    const first = screen(text, 'external', testPolicy());
    screen('x'.repeat(5000) + ' é '.repeat(300), 'external', testPolicy());
    expect(screen(text, 'external', testPolicy())).toEqual(first);
  });
});
