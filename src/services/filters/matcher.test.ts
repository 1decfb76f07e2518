import { describe, expect, it } from 'vitest';
import { compileFilters, keywordPattern, type CompilableFilter } from './matcher.js';

function filter(overrides: Partial<CompilableFilter> = {}): CompilableFilter {
  return {
    id: 1,
    title: 'Spoilers',
    context: ['home'],
    filterAction: 'warn',
    expiresAt: null,
    keywords: [],
    statusIds: [],
    ...overrides,
  };
}

function post(text: string, extra: { id?: number; spoiler_text?: string } = {}) {
  return { id: extra.id ?? 100, text, spoiler_text: extra.spoiler_text ?? '', reblog: null };
}

describe('keyword patterns', () => {
  it('matches whole words only when asked, in any case', () => {
    expect(keywordPattern('cat', true).test('A Cat sat')).toBe(true);
    expect(keywordPattern('cat', true).test('concatenate')).toBe(false);
    expect(keywordPattern('cat', false).test('concatenate')).toBe(true);
    expect(keywordPattern('café', true).test('le CAFÉ noir')).toBe(true);
    expect(keywordPattern('café', true).test('cafés')).toBe(false);
  });

  it('treats regex characters literally and only bounds word edges', () => {
    expect(keywordPattern('c++', true).test('I like c++!')).toBe(true);
    expect(keywordPattern('c++', true).test('abc++')).toBe(false);
    expect(keywordPattern('@twitter.com', true).test('me@twitter.com')).toBe(true);
    expect(keywordPattern('a.b', false).test('axb')).toBe(false);
  });
});

describe('compiled filters', () => {
  it('reports which keywords matched, in text or content warning', () => {
    const matcher = compileFilters([
      filter({
        keywords: [
          { keyword: 'finale', wholeWord: true },
          { keyword: 'dragon', wholeWord: false },
        ],
      }),
    ]);
    expect(matcher.match(post('nothing here'))).toEqual([]);
    const [result] = matcher.match(post('the Dragons are back', { spoiler_text: 'Finale talk' }));
    expect(result?.keywordMatches).toEqual(['finale', 'dragon']);
    expect(result?.statusMatches).toBeNull();
    expect(result?.filter).toEqual({
      id: 1,
      title: 'Spoilers',
      context: ['home'],
      filterAction: 'warn',
      expiresAt: null,
    });
  });

  it('matches named posts, and judges a reshare by what it shares', () => {
    const matcher = compileFilters([filter({ statusIds: [7] })]);
    expect(matcher.match(post('x', { id: 7 }))[0]?.statusMatches).toEqual(['7']);
    const reshare = { id: 8, text: '', spoiler_text: '', reblog: post('x', { id: 7 }) };
    expect(matcher.match(reshare)[0]?.statusMatches).toEqual(['7']);
    const wordy = compileFilters([filter({ keywords: [{ keyword: 'secret', wholeWord: true }] })]);
    expect(wordy.match({ id: 9, text: '', spoiler_text: '', reblog: post('a secret') })).toHaveLength(1);
  });

  it('is empty without filters and ignores blank keywords', () => {
    expect(compileFilters([]).isEmpty).toBe(true);
    expect(
      compileFilters([filter({ keywords: [{ keyword: ' ', wholeWord: false }] })]).match(post('a b')),
    ).toEqual([]);
  });
});
