import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../screening/index.js';
import { policyChanges } from './policy-changes.js';

describe('policyChanges', () => {
  it('lists added and removed terms and changed rule actions', () => {
    const before = defaultPolicy();
    before.lists.codenames = ['Falcon', 'Heron'];
    const after = structuredClone(before);
    after.lists.codenames = ['Heron', 'Osprey'];
    after.lists.blockedTerms = ['synergy'];
    after.rules.internal['personal.phone'] = 'block';
    delete after.rules.external['links.internal'];
    after.name = 'Crisis edition';
    const changes = policyChanges(before, after);
    expect(changes.lists).toEqual([
      { list: 'codenames', added: ['Osprey'], removed: ['Falcon'] },
      { list: 'blockedTerms', added: ['synergy'], removed: [] },
    ]);
    expect(changes.rules).toEqual([
      { audience: 'internal', rule: 'personal.phone', from: 'warn', to: 'block' },
      { audience: 'external', rule: 'links.internal', from: 'block', to: null },
    ]);
    expect(changes.name).toEqual({ from: 'Roost default', to: 'Crisis edition' });
  });

  it('finds nothing between equal documents', () => {
    expect(policyChanges(defaultPolicy(), defaultPolicy())).toEqual({ name: null, lists: [], rules: [] });
  });
});
