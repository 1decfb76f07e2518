import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick, PlainTermMatcher } from './aho-corasick.js';

function naive(patterns: number[][], text: number[]): string[] {
  const found: string[] = [];
  for (let end = 1; end <= text.length; end++) {
    patterns.forEach((p, id) => {
      if (p.length === 0 || p.length > end) return;
      if (p.every((sym, k) => text[end - p.length + k] === sym)) found.push(`${id}:${end - p.length}:${end}`);
    });
  }
  return found.sort();
}

describe('AhoCorasick', () => {
  it('finds exactly the occurrences a naive search finds, overlapping ones included', () => {
    const sym = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(fc.array(fc.array(sym, { maxLength: 4 }), { maxLength: 8 }), fc.array(sym, { maxLength: 30 }), (patterns, text) => {
        const automaton = AhoCorasick.build(patterns, 4);
        const found = automaton.findAll(text).map((m) => `${m.pattern}:${m.start}:${m.end}`).sort();
        expect(found).toEqual(naive(patterns, text));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects symbols outside the alphabet', () => {
    expect(() => AhoCorasick.build([[5]], 4)).toThrow(RangeError);
  });
});

describe('PlainTermMatcher', () => {
  it('matches whole words, case-insensitively', () => {
    const matcher = new PlainTermMatcher(['falcon', 'blue heron']);
    expect(matcher.match('Falcon and Blue Heron, not falconry')).toEqual([
      [0, 0, 6],
      [1, 11, 21],
    ]);
  });
});
