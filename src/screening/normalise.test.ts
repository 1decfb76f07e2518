import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNormalisedBuffer, normalise, normaliseGeneral } from './normalise.js';

function canonical(text: string): string {
  const norm = normalise(text);
  let out = '';
  for (let i = 0; i < norm.length; i++) {
    const s = norm.symbols[i] ?? 0;
    out += s === 0 ? ' ' : s <= 26 ? String.fromCharCode(96 + s) : s <= 36 ? String(s - 27) : s === 37 ? '*' : s === 39 ? '\n' : '~';
  }
  return out;
}

describe('normalise', () => {
  it('folds case, diacritics, fullwidth, homoglyphs and zero-width characters', () => {
    expect(canonical('Ｆüсk')).toBe('fuck'); // fullwidth F, u with umlaut, Cyrillic с
    expect(canonical('f\u200Bu\u200Dck')).toBe('fuck');
    expect(canonical('𝐛𝐨𝐥𝐝')).toBe('bold');
    expect(canonical('Crème brûlée')).toBe('creme brulee');
  });

  it('reads leetspeak only inside words that have letters', () => {
    expect(canonical('sh1t a$$ b!tch')).toBe('shit ass bitch');
    expect(canonical('$100 in 2024 at 5pm')).toBe(' 100 in 2024 at 5pm');
    expect(canonical('hello! @team')).toBe('hello team');
  });

  it('joins spaced-out letters and collapses repeats', () => {
    expect(canonical('f u c k')).toBe('fuck');
    expect(canonical('s.h.i.t happens')).toBe('shit hapens'); // repeats collapse in every word
    expect(canonical('fuuuuuck')).toBe('fuck');
    expect(canonical('boooob')).toBe('boob');
    expect(canonical('a b')).toBe('a b');
  });

  it('maps every symbol back to the original characters', () => {
    const text = 'Ｆｕ\u200Bck off, fü\u0308ck';
    const norm = normalise(text);
    for (let i = 0; i < norm.length; i++) {
      expect(norm.starts[i]).toBeGreaterThanOrEqual(0);
      expect(norm.ends[i]).toBeGreaterThan(norm.starts[i] ?? 0);
      expect(norm.ends[i]).toBeLessThanOrEqual(text.length);
    }
    // The collapsed "ｕ" run and the combining mark stay inside their symbol's range.
    expect(text.slice(norm.starts[0], norm.ends[3])).toBe('Ｆｕ\u200Bck');
  });

  it('keeps camelCase humps as soft word starts', () => {
    const norm = normalise('#DeliaStrong');
    const s = Array.from(norm.soft.subarray(0, norm.length));
    expect(s.indexOf(1)).toBe(6); // the S of Strong
  });

  it('gives the same result on the ASCII fast path as on the general path', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab sh1t$@!|(*-.\n5pmQ3 AZ'.split('')), maxLength: 40 }), (text) => {
        const fast = normalise(text, createNormalisedBuffer());
        const general = normaliseGeneral(text, createNormalisedBuffer());
        expect(Array.from(fast.symbols.subarray(0, fast.length))).toEqual(Array.from(general.symbols.subarray(0, general.length)));
        expect(Array.from(fast.starts.subarray(0, fast.length))).toEqual(Array.from(general.starts.subarray(0, general.length)));
        expect(Array.from(fast.ends.subarray(0, fast.length))).toEqual(Array.from(general.ends.subarray(0, general.length)));
      }),
      { numRuns: 2000 },
    );
  });
});
