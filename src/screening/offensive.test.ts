import { describe, expect, it } from 'vitest';
import { screen } from './screen.js';
import { actionOf, rulesOf, testPolicy } from './test-helpers.js';

describe('offensive language', () => {
  it.each(['What the fuck', 'f u c k this', 'sh1t happens', 'fuuuuck', 'ｆｕｃｋ', 'f\u200Buck', 'fück', 'what a piece of sh*t', 'a$$hole'])(
    'flags profanity in %j (warn inside, block outside)',
    (text) => {
      expect(rulesOf(text)).toContain('offensive.profanity');
      expect(actionOf(text, 'internal')).toBe('warn');
      expect(actionOf(text, 'external')).toBe('block');
    },
  );

  it.each(['n1gger', 'faggot', 'r\u0435t\u0430rd', 'k i k e', 'spics'])('blocks the slur in %j for both audiences', (text) => {
    expect(actionOf(text, 'internal')).toBe('block');
    expect(actionOf(text, 'external')).toBe('block');
  });

  it.each([
    'Scunthorpe',
    'Penistone',
    'assassin',
    'first class',
    'cocktail',
    'therapist',
    'Charles Dickens',
    'shiitake',
    'grape',
    'analysis',
    'Sussex',
    'button',
    'cockpit',
    'pass assignment',
    'Arsenal',
    'magna cum laude',
    'Fukushima',
    'kung fu',
    'Dick Van Dyke',
    'flame retardant',
    'title',
    'hello @ssam',
  ])('leaves the innocent %j alone', (text) => {
    expect(rulesOf(text).filter((r) => r.startsWith('offensive'))).toEqual([]);
  });

  it('treats mild swearing as a warning for public posts only', () => {
    expect(actionOf('damn, that went well', 'internal')).toBe('allow');
    expect(actionOf('damn, that went well', 'external')).toBe('warn');
  });

  it('points the finding at the original characters', () => {
    const text = 'oh ｆ\u200Bｕｃｋ!';
    const [finding] = screen(text, 'external', testPolicy()).findings;
    expect(finding?.excerpt).toBe('ｆ\u200Bｕｃｋ');
    expect(text.slice(finding?.start, finding?.end)).toBe(finding?.excerpt);
  });
});
