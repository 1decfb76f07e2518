import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile.js';
import { PolicyError, defaultPolicy, mergePolicyOverrides, parsePolicyDocument } from './policy-document.js';
import { screen } from './screen.js';

function errorOf(input: unknown): PolicyError {
  try {
    parsePolicyDocument(input);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected a PolicyError');
}

describe('parsePolicyDocument', () => {
  it('accepts the default policy and round-trips it through JSON', () => {
    const doc = defaultPolicy();
    expect(parsePolicyDocument(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  it('fills missing lists and rules', () => {
    const doc = parsePolicyDocument({ version: 1, lists: { codenames: [' Falcon ', 'Falcon'] } });
    expect(doc.lists.codenames).toEqual(['Falcon']);
    expect(doc.lists.blockedTerms).toEqual([]);
    expect(doc.rules).toEqual({ internal: {}, external: {} });
  });

  it.each([
    [null, 'invalid_type', 'policy'],
    [{ version: 2 }, 'invalid_version', 'version'],
    [{ version: 1, extra: true }, 'unknown_field', 'extra'],
    [{ version: 1, lists: { codenames: 'Falcon' } }, 'invalid_type', 'lists.codenames'],
    [{ version: 1, lists: { codenames: ['ok', 7] } }, 'invalid_type', 'lists.codenames[1]'],
    [{ version: 1, lists: { codenames: ['  '] } }, 'invalid_term', 'lists.codenames[0]'],
    [{ version: 1, lists: { nicknames: [] } }, 'unknown_field', 'lists.nicknames'],
    [{ version: 1, rules: { internal: { 'personal.fax': 'block' } } }, 'unknown_rule', 'rules.internal.personal.fax'],
    [{ version: 1, rules: { external: { personal: 'ban' } } }, 'invalid_action', 'rules.external.personal'],
    [{ version: 1, rules: { partners: {} } }, 'unknown_field', 'rules.partners'],
  ])('rejects %j with %s at %s', (input, code, field) => {
    const error = errorOf(input);
    expect(error.name).toBe('PolicyError');
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });
});

describe('mergePolicyOverrides', () => {
  it('merges a short file of top-level lists over the defaults', () => {
    const merged = mergePolicyOverrides(defaultPolicy(), { codenames: ['Falcon'], crisisTerms: ['Hurricane Delia'] });
    expect(merged.lists.codenames).toEqual(['Falcon']);
    expect(merged.lists.crisisTerms).toEqual(['Hurricane Delia']);
    expect(merged.rules.external['personal.card']).toBe('block');
  });

  it('lets a category override replace the per-rule defaults of that category', () => {
    const merged = mergePolicyOverrides(defaultPolicy(), { rules: { external: { personal: 'warn' } } });
    const policy = compilePolicy(merged);
    expect(screen('card 4111 1111 1111 1111', 'external', policy).action).toBe('warn');
  });

  it('reports bad override lists with the field name', () => {
    expect(() => mergePolicyOverrides(defaultPolicy(), { codenames: [1] })).toThrow(/lists\.codenames\[0\]/);
  });
});
