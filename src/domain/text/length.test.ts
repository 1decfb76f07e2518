import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPostText, countGraphemes, postLength } from './length.js';
import { AppError } from '../errors.js';

const ctx = { host: 'roost.example' };

describe('post length', () => {
  it('counts graphemes, not code units', () => {
    expect(countGraphemes('👩‍👩‍👧‍👦')).toBe(1);
    expect(countGraphemes('e\u0301')).toBe(1);
    expect(countGraphemes('🇫🇷ab')).toBe(3);
  });

  it('counts every link as 23 and adds the content warning', () => {
    expect(postLength(`see https://example.com/${'x'.repeat(100)}`, '', ctx)).toBe(4 + 23);
    expect(postLength('abc', 'cw', ctx)).toBe(5);
  });

  it('refuses blank and over-long posts with 422 naming status', () => {
    const error = (fn: () => void): AppError => {
      try {
        fn();
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected a failure');
    };
    expect(error(() => checkPostText('  \n ', '', 500, ctx))).toMatchObject({
      code: 'unprocessable',
      details: { field: 'status' },
    });
    expect(error(() => checkPostText('a'.repeat(11), '', 10, ctx))).toMatchObject({
      code: 'unprocessable',
      details: { field: 'status' },
    });
    expect(() => checkPostText('👍'.repeat(10), '', 10, ctx)).not.toThrow();
  });

  it('never counts more graphemes than code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (text) => {
        expect(countGraphemes(text)).toBeLessThanOrEqual([...text].length);
      }),
    );
  });
});
