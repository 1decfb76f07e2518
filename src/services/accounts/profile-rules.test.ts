import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { checkDisplayName, checkUsername, normaliseEmail } from './profile-rules.js';

describe('profile rules', () => {
  it('accepts usernames of 1–30 letters, digits and underscores', () => {
    expect(checkUsername('a')).toBe('a');
    expect(checkUsername('Jane_Doe_42')).toBe('Jane_Doe_42');
    expect(checkUsername('x'.repeat(30))).toBe('x'.repeat(30));
  });

  it('refuses other usernames, naming the field', () => {
    for (const bad of ['', 'x'.repeat(31), 'jane.doe', 'jane-doe', 'jané', 'a b']) {
      expect(() => checkUsername(bad)).toThrow(ValidationError);
    }
    expect(() => checkUsername('no way')).toThrow(/^username:/);
  });

  it('lowercases and trims emails and refuses malformed ones', () => {
    expect(normaliseEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(normaliseEmail('admin@localhost')).toBe('admin@localhost');
    for (const bad of ['jane', 'jane@', '@example.com', 'jane@example', 'ja ne@example.com', 'a@b@c.com']) {
      expect(() => normaliseEmail(bad)).toThrow(/^email:/);
    }
  });

  it('counts display names in characters, not UTF-16 units', () => {
    expect(checkDisplayName('🦉'.repeat(100))).toHaveLength(200);
    expect(() => checkDisplayName('🦉'.repeat(101))).toThrow(/^display_name:/);
  });
});
