/**
 * What changed between two versions of the screening policy, for the version history: terms
 * added to and removed from each list, and rule actions set, changed or cleared per audience.
 */
import { LIST_NAMES, type Action, type Audience, type PolicyDocument } from '../../screening/index.js';

export type ListName = (typeof LIST_NAMES)[number];

export interface ListChange {
  list: ListName;
  added: string[];
  removed: string[];
}

export interface RuleChange {
  audience: Audience;
  /** A rule id (`personal.phone`) or a category (`personal`). */
  rule: string;
  /** Null: not set in that version (the built-in default applies). */
  from: Action | null;
  to: Action | null;
}

export interface PolicyChanges {
  name: { from: string | null; to: string | null } | null;
  lists: ListChange[];
  rules: RuleChange[];
}

export function policyChanges(before: PolicyDocument, after: PolicyDocument): PolicyChanges {
  const lists: ListChange[] = [];
  for (const list of LIST_NAMES) {
    const old = new Set(before.lists[list]);
    const now = new Set(after.lists[list]);
    const added = after.lists[list].filter((term) => !old.has(term));
    const removed = before.lists[list].filter((term) => !now.has(term));
    if (added.length > 0 || removed.length > 0) lists.push({ list, added, removed });
  }
  const rules: RuleChange[] = [];
  for (const audience of ['internal', 'external'] as const) {
    const old = before.rules[audience];
    const now = after.rules[audience];
    const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].sort();
    for (const rule of keys) {
      const from = old[rule] ?? null;
      const to = now[rule] ?? null;
      if (from !== to) rules.push({ audience, rule, from, to });
    }
  }
  const fromName = before.name ?? null;
  const toName = after.name ?? null;
  return { name: fromName === toName ? null : { from: fromName, to: toName }, lists, rules };
}
