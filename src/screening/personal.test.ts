import { describe, expect, it } from 'vitest';
import { actionOf, rulesOf } from './test-helpers.js';

describe('personal data', () => {
  it.each([
    ['write to jane.doe@gmail.com', 'personal.email'],
    ['call me at 212-555-0143', 'personal.phone'],
    ['mobile +44 7911 123456', 'personal.phone'],
    ['card 4111 1111 1111 1111', 'personal.card'],
    ['amex 3782-822463-10005', 'personal.card'],
    ['IBAN GB82 WEST 1234 5698 7654 32', 'personal.iban'],
    ['SSN 536-22-1987', 'personal.national-id'],
    ['NI number AB 12 34 56 C', 'personal.national-id'],
    ['DOB 04/12/1985', 'personal.dob'],
    ['Sarah Jones was born on 12 March 1990', 'personal.dob'],
  ])('finds %j (%s)', (text, rule) => {
    expect(rulesOf(text)).toContain(rule);
  });

  it.each([
    'email support@acme.com',
    'order #2024556789 shipped',
    'version 10.2.33.4',
    'in 2023-2024 we grew',
    'price $1,234,567',
    '4111 1111 1111 1112 fails Luhn',
    'event on 04/12/2025',
    'the company was born on 12 March 2010',
    'call our free line 1-800-555-0199',
    'GB82 WEST 1234 5698 7654 33',
    'SSN-shaped 000-12-3456',
  ])('leaves %j alone', (text) => {
    expect(rulesOf(text).filter((r) => r.startsWith('personal'))).toEqual([]);
  });

  it('warns inside and reviews outside for a personal email', () => {
    expect(actionOf('ping jane.doe@gmail.com', 'internal')).toBe('warn');
    expect(actionOf('ping jane.doe@gmail.com', 'external')).toBe('review');
  });

  it('blocks card numbers for both audiences', () => {
    expect(actionOf('4012888888881881', 'internal')).toBe('block');
  });
});
