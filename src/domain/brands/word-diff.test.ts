import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wordDiff } from './word-diff.js';

const rebuild = (segments: ReturnType<typeof wordDiff>, keep: 'insert' | 'delete') =>
  segments
    .filter((s) => s.op === 'equal' || s.op === keep)
    .map((s) => s.text)
    .join('');

describe('wordDiff', () => {
  it('marks replaced words and keeps the rest equal', () => {
    expect(wordDiff('Happy Friday, shooters!', 'Happy Friday, everyone!')).toEqual([
      { op: 'equal', text: 'Happy Friday, ' },
      { op: 'delete', text: 'shooters!' },
      { op: 'insert', text: 'everyone!' },
    ]);
  });

  it('shows insertions and deletions in the middle', () => {
    expect(wordDiff('Our new menu is here', 'Our spring menu is finally here')).toEqual([
      { op: 'equal', text: 'Our ' },
      { op: 'delete', text: 'new' },
      { op: 'insert', text: 'spring' },
      { op: 'equal', text: ' menu is' },
      { op: 'insert', text: ' finally' },
      { op: 'equal', text: ' here' },
    ]);
  });

  it('handles empty texts', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'hello')).toEqual([{ op: 'insert', text: 'hello' }]);
    expect(wordDiff('bye', '')).toEqual([{ op: 'delete', text: 'bye' }]);
  });

  it('always gives back both texts exactly, with no empty or repeated segments', () => {
    const words = fc
      .array(fc.constantFrom('a', 'b', 'c', 'menu', 'sale', ' ', '  ', '\n', '🎉'), { maxLength: 30 })
      .map((w) => w.join(''));
    fc.assert(
      fc.property(words, words, (before, after) => {
        const segments = wordDiff(before, after);
        expect(rebuild(segments, 'delete')).toBe(before);
        expect(rebuild(segments, 'insert')).toBe(after);
        for (const [i, s] of segments.entries()) {
          expect(s.text).not.toBe('');
          if (i > 0) expect(segments[i - 1]!.op).not.toBe(s.op);
        }
        if (before === after && before !== '') expect(segments).toEqual([{ op: 'equal', text: before }]);
      }),
    );
  });
});
