import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idAtTime, newId, parseId, timeOfId } from './ids.js';

describe('ids', () => {
  it('are unique, increasing and safe integers even within one millisecond', () => {
    const now = Date.now();
    const ids = Array.from({ length: 10_000 }, () => newId(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!);
    expect(ids.every(Number.isSafeInteger)).toBe(true);
  });

  it('sort by time and decode their time', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2090, 0, 1) }), (time) => {
        expect(timeOfId(idAtTime(time))).toBe(time);
        expect(idAtTime(time + 1)).toBeGreaterThan(idAtTime(time));
      }),
    );
  });

  it('parse only positive numeric strings', () => {
    expect(parseId('123')).toBe(123);
    expect(parseId('0')).toBeNull();
    expect(parseId('12a')).toBeNull();
    expect(parseId('99999999999999999')).toBeNull();
    expect(parseId(undefined)).toBeNull();
  });
});
