import { describe, expect, it } from 'vitest';
import { actionOf, rulesOf } from './test-helpers.js';

describe('sensitive topics', () => {
  it.each([
    'hundreds died in the earthquake',
    'after the shooting at the school',
    'victims of the hurricane',
    'our colleague passed away last week',
    'the flooding displaced thousands of people',
    'we stand with those affected by the terrorist attack',
  ])('sends %j to review outside and allows it inside', (text) => {
    expect(rulesOf(text)).toContain('sensitive.topic');
    expect(actionOf(text, 'external')).toBe('review');
    expect(actionOf(text, 'internal')).toBe('allow');
  });

  it.each([
    ['hundreds died in the earthquake lol', 'sensitive.joke'],
    ['earthquake sale: 20% off everything', 'sensitive.promotion'],
    ['9/11 was wild 😂', 'sensitive.joke'],
    ['victims of the flood deserve better, use code FLOOD10', 'sensitive.promotion'],
  ])('blocks %j outside (%s)', (text, rule) => {
    expect(rulesOf(text)).toContain(rule);
    expect(actionOf(text, 'external')).toBe('block');
    expect(actionOf(text, 'internal')).toBe('warn');
  });

  it.each([
    'killer feature',
    'dead simple',
    'deadline is Friday',
    'drop-dead gorgeous',
    'kill the build',
    'shoot me an email',
    'crushing it',
    'dying to try it',
    'break a leg',
    'fire up the server',
    'disaster recovery drill',
    'execute the plan',
    'hit the ground running',
    'three bullet points',
    'my laptop died again',
    'flood of signups',
    'race condition',
    'this demo will bomb',
    'we killed it on stage',
  ])('does not flag the idiom %j', (text) => {
    expect(actionOf(text, 'external')).toBe('allow');
  });
});
