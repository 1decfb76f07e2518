import { describe, expect, it } from 'vitest';
import { actionOf, rulesOf } from './test-helpers.js';

describe('crisis watch', () => {
  it.each(['Stores closed as Hurricane Delia approaches', '#DeliaStrong', 'hurricane delia relief fund', 'Stay safe #HurricaneDelia'])(
    'sends %j to review outside',
    (text) => {
      expect(rulesOf(text)).toContain('crisis.term');
      expect(actionOf(text, 'external')).toBe('review');
      expect(actionOf(text, 'internal')).toBe('allow');
    },
  );

  it('blocks a sales pitch riding on the crisis', () => {
    expect(rulesOf('Hurricane Delia sale: 40% off rain gear')).toContain('crisis.exploitation');
    expect(actionOf('#DeliaStrong deals, shop now', 'external')).toBe('block');
  });

  it('does not match other words', () => {
    expect(actionOf('Cordelia joins the team', 'external')).toBe('allow');
  });
});
