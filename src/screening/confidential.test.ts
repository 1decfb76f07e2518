import { describe, expect, it } from 'vitest';
import { screen } from './screen.js';
import { actionOf, rulesOf, testPolicy } from './test-helpers.js';

describe('confidential material', () => {
  it.each(['Falcon ships soon', '#ProjectFalcon', "Falcon's wings", 'FALCON', 'Blue Heron', 'blue-heron', 'BlueHeron', '#BlueHeron rocks'])(
    'treats the codename in %j as fine inside and blocked outside',
    (text) => {
      expect(rulesOf(text)).toContain('confidential.codename');
      expect(actionOf(text, 'internal')).toBe('allow');
      expect(actionOf(text, 'external')).toBe('block');
    },
  );

  it('lets allowed terms suppress a codename match', () => {
    expect(actionOf('Watch the Falcon Heavy launch', 'external')).toBe('allow');
  });

  it('does not match codenames inside other words', () => {
    expect(actionOf('falconry lessons', 'external')).toBe('allow');
  });

  it.each(['CONFIDENTIAL: draft org chart', 'internal only, do not share', 'embargoed until Tuesday', 'draft press release attached', 'under NDA'])(
    'flags the marker in %j',
    (text) => {
      expect(rulesOf(text)).toContain('confidential.marker');
      expect(actionOf(text, 'external')).toBe('block');
    },
  );

  it.each(['Your data is kept confidential.', 'Our confidential hotline is open 24/7.'])('accepts the assurance %j', (text) => {
    expect(actionOf(text, 'external')).toBe('allow');
  });

  it.each(['Q3 revenue will be $48M', "we'll miss guidance", 'EBITDA margin of 23% next quarter', 'layoffs of 200 people are planned', 'we will cut 300 jobs'])(
    'flags the unannounced figure in %j',
    (text) => {
      expect(rulesOf(text)).toContain('confidential.financial');
    },
  );

  it.each(['As announced today, Q3 revenue was $48M.', 'Revenue grew 20% last year.', 'Summer sale: 30% off, sales end Sunday'])(
    'leaves the public or unrelated figure %j alone',
    (text) => {
      expect(rulesOf(text)).not.toContain('confidential.financial');
    },
  );

  it('blocks blocked terms for both audiences', () => {
    expect(actionOf('news about project nightjar', 'internal')).toBe('block');
    const [finding] = screen('news about project nightjar', 'external', testPolicy()).findings;
    expect(finding?.excerpt).toBe('project nightjar');
  });
});
