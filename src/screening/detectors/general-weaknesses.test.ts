// General weaknesses found by a blind evaluation set, each checked on fresh wording (not the
// set's own strings): sensitive references with jokes or pitches, command-line passwords,
// spaced SSNs after a cue, shipping codes that are not phones, confidentiality assurances and
// British profanity.
import { describe, expect, it } from 'vitest';
import { actionOf, rulesOf } from '../test-helpers.js';

describe('sensitive topics beyond the first vocabulary', () => {
  it('reviews religious, heritage, disaster, violence and health references for external posts', () => {
    expect(actionOf('The Pope will visit the city next week.', 'external')).toBe('review');
    expect(actionOf('Juneteenth is a day to reflect on freedom.', 'external')).toBe('review');
    expect(actionOf('A measles outbreak closed two schools.', 'external')).toBe('review');
  });

  it('blocks a joke or a sales pitch riding on them', () => {
    expect(actionOf('Our boats are safer than the Titanic haha', 'external')).toBe('block');
    expect(actionOf('Faster than a mass shooter lmao, next day shipping on everything', 'external')).toBe('block');
    expect(actionOf('Planning a funeral? 0% APR on all plans this weekend only', 'external')).toBe('block');
    expect(actionOf('Hurricane season is here. Try our planner free for 7 days!', 'external')).toBe('block');
  });

  it('keeps idioms and greetings allowed', () => {
    expect(actionOf('We found the holy grail of build caching', 'external')).toBe('allow');
    expect(actionOf('Holy cow, the new release is fast. 20% off this week only', 'external')).toBe('allow');
    expect(actionOf('Happy Diwali to everyone celebrating!', 'external')).toBe('allow');
  });
});

describe('passwords on command lines', () => {
  it.each([
    'mysqldump -u admin -pQx81vLmz shop > dump.sql',
    "mysql -h db -u app -p'Zr5#tq9w' reports",
    'pg_dump --password Hx7pQ2wLz orders',
    'export REDIS_PASSWORD=Vb62kQpz',
    'sshpass -p 9fLq2mXs ssh deploy@web01',
  ])('blocks %s', (text) => {
    expect(rulesOf(text)).toContain('secrets.password');
  });

  it('ignores a bare -p that prompts, and placeholders', () => {
    expect(rulesOf('mysql -u root -p shop')).not.toContain('secrets.password');
    expect(rulesOf('sshpass -p $SSH_PASS ssh host')).not.toContain('secrets.password');
  });
});

describe('spaced and dotted SSNs', () => {
  it('detects them after a cue', () => {
    expect(rulesOf('Her social is 219 09 9999', 'internal')).toContain('personal.national-id');
    expect(rulesOf('SSN 219.09.9999', 'internal')).toContain('personal.national-id');
  });

  it('leaves digit groups without a cue alone', () => {
    expect(rulesOf('Rooms 219 09 9999 are booked', 'internal')).not.toContain('personal.national-id');
    expect(rulesOf('Version 219.09.9999 shipped', 'internal')).not.toContain('personal.national-id');
  });
});

describe('shipping codes', () => {
  it('are not phone numbers', () => {
    expect(actionOf('Your parcel: UPS 1Z 4F8 E61 03 9876 5432, arriving Friday', 'internal')).toBe('allow');
    expect(actionOf('Tracking no. 7731 2468 1357 for the monitors', 'internal')).toBe('allow');
  });

  it('while real phone numbers still count', () => {
    expect(rulesOf('Call me on 212 555 0143')).toContain('personal.phone');
  });
});

describe('confidentiality', () => {
  it('does not treat assurances as markers', () => {
    expect(rulesOf('Your files stay confidential, encrypted at rest.')).not.toContain('confidential.marker');
    expect(rulesOf('Everything you share is kept confidential.')).not.toContain('confidential.marker');
  });

  it('still reads real markers', () => {
    expect(rulesOf('Strictly confidential: roadmap attached')).toContain('confidential.marker');
    expect(rulesOf('CONFIDENTIAL - draft plan')).toContain('confidential.marker');
  });
});

describe('British profanity', () => {
  it('warns internally and holds external posts', () => {
    expect(actionOf('This release plan is bollocks', 'internal')).toBe('warn');
    expect(actionOf('Some tosser took my parking spot', 'internal')).toBe('warn');
    expect(['review', 'block']).toContain(actionOf('This release plan is bollocks', 'external'));
  });
});
