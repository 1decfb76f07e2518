import { describe, expect, it } from 'vitest';
import { escapeLike, ftsMatchExpression, searchTerms, tsQueryExpression } from './search-terms.js';

describe('searchTerms', () => {
  it('keeps words of letters and digits, lower-cased and deduplicated', () => {
    expect(searchTerms('Hello, "World" hello! #Roost 2025')).toEqual(['hello', 'world', 'roost', '2025']);
  });

  it('drops every query-language character', () => {
    const terms = searchTerms(`a" OR b* NEAR(c) 'd' -e:f`);
    expect(terms).toEqual(['a', 'or', 'b', 'near', 'c', 'd', 'e', 'f']);
    for (const t of terms) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
  });

  it('keeps letters outside ASCII', () => {
    expect(searchTerms('Café Zürich 東京')).toEqual(['café', 'zürich', '東京']);
  });

  it('answers nothing for punctuation only', () => {
    expect(searchTerms('!!! ... ***')).toEqual([]);
  });
});

describe('query expressions', () => {
  it('quotes FTS5 terms as prefixes', () => {
    expect(ftsMatchExpression(['foo', 'bar'])).toBe('"foo"* "bar"*');
  });

  it('quotes tsquery lexemes as prefixes joined by AND', () => {
    expect(tsQueryExpression(['foo', 'bar'])).toBe(`'foo':* & 'bar':*`);
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});
