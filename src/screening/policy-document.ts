// The policy document: plain JSON that admins edit, the database stores and the CLI reads.
// This module validates it (without zod, so the engine stays dependency-light) and merges
// small override files over a base policy.
import { isAction } from './actions.js';
import { RULES, isRuleOrCategory } from './rules.js';
import type { Action, Audience } from './types.js';

export interface PolicyLists {
  /** Internal project names and unreleased product names: fine inside, never outside. */
  codenames: string[];
  /** Hosts or suffixes of internal sites: `corp.example.com`, `*.internal`, `intranet`. */
  internalDomains: string[];
  /** Terms of an active crisis: `Hurricane Delia`, `#DeliaStrong`. */
  crisisTerms: string[];
  /** Terms the administrators forbid outright. */
  blockedTerms: string[];
  /** Terms that never count as a finding, e.g. a public product that shares a codename's word. */
  allowedTerms: string[];
}

export type RuleActions = Record<string, Action>;

export interface PolicyDocument {
  version: 1;
  /** Free-form label shown to admins, e.g. "Default policy, Delia crisis edition". */
  name?: string;
  lists: PolicyLists;
  /** Per audience: action per rule id (`personal.phone`) or per category (`personal`). */
  rules: Record<Audience, RuleActions>;
}

export type PolicyErrorCode =
  | 'invalid_type'
  | 'invalid_version'
  | 'unknown_field'
  | 'unknown_rule'
  | 'invalid_action'
  | 'invalid_term'
  | 'too_many_terms';

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly code: PolicyErrorCode;
  /** JSON path of the offending field, e.g. `lists.codenames[3]`. */
  readonly field: string;

  constructor(code: PolicyErrorCode, field: string, message: string) {
    super(`${field}: ${message}`);
    this.code = code;
    this.field = field;
  }
}

export const LIST_NAMES = ['codenames', 'internalDomains', 'crisisTerms', 'blockedTerms', 'allowedTerms'] as const;
export type ListName = (typeof LIST_NAMES)[number];

export const MAX_TERMS_PER_LIST = 100_000;
export const MAX_TERM_LENGTH = 200;

const AUDIENCES: readonly Audience[] = ['internal', 'external'];

export function defaultPolicy(): PolicyDocument {
  const internal: RuleActions = {};
  const external: RuleActions = {};
  for (const spec of RULES) {
    internal[spec.id] = spec.internal;
    external[spec.id] = spec.external;
  }
  return {
    version: 1,
    name: 'Roost default',
    lists: { codenames: [], internalDomains: [], crisisTerms: [], blockedTerms: [], allowedTerms: [] },
    rules: { internal, external },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTerms(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new PolicyError('invalid_type', field, 'must be an array of strings');
  if (value.length > MAX_TERMS_PER_LIST) {
    throw new PolicyError('too_many_terms', field, `holds ${value.length} terms; the limit is ${MAX_TERMS_PER_LIST}`);
  }
  const terms: string[] = [];
  const seen = new Set<string>();
  value.forEach((item, index) => {
    const itemField = `${field}[${index}]`;
    if (typeof item !== 'string') throw new PolicyError('invalid_type', itemField, 'must be a string');
    const term = item.trim();
    if (term.length === 0) throw new PolicyError('invalid_term', itemField, 'must not be empty');
    if (term.length > MAX_TERM_LENGTH) {
      throw new PolicyError('invalid_term', itemField, `is longer than ${MAX_TERM_LENGTH} characters`);
    }
    if (!seen.has(term)) {
      seen.add(term);
      terms.push(term);
    }
  });
  return terms;
}

function parseLists(value: unknown, field: string): PolicyLists {
  if (!isRecord(value)) throw new PolicyError('invalid_type', field, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!(LIST_NAMES as readonly string[]).includes(key)) {
      throw new PolicyError('unknown_field', `${field}.${key}`, `is not a list; expected one of ${LIST_NAMES.join(', ')}`);
    }
  }
  const lists = emptyLists();
  for (const name of LIST_NAMES) {
    if (value[name] !== undefined) lists[name] = parseTerms(value[name], `${field}.${name}`);
  }
  return lists;
}

function parseRuleActions(value: unknown, field: string): RuleActions {
  if (!isRecord(value)) throw new PolicyError('invalid_type', field, 'must be an object of rule or category to action');
  const actions: RuleActions = {};
  for (const [key, action] of Object.entries(value)) {
    if (!isRuleOrCategory(key)) throw new PolicyError('unknown_rule', `${field}.${key}`, 'is not a screening rule or category');
    if (!isAction(action)) {
      throw new PolicyError('invalid_action', `${field}.${key}`, 'must be one of allow, warn, review, block');
    }
    actions[key] = action;
  }
  return actions;
}

function parseRules(value: unknown, field: string): Record<Audience, RuleActions> {
  if (!isRecord(value)) throw new PolicyError('invalid_type', field, 'must be an object with internal and external');
  for (const key of Object.keys(value)) {
    if (!(AUDIENCES as readonly string[]).includes(key)) {
      throw new PolicyError('unknown_field', `${field}.${key}`, 'is not an audience; expected internal or external');
    }
  }
  return {
    internal: value.internal === undefined ? {} : parseRuleActions(value.internal, `${field}.internal`),
    external: value.external === undefined ? {} : parseRuleActions(value.external, `${field}.external`),
  };
}

function emptyLists(): PolicyLists {
  return { codenames: [], internalDomains: [], crisisTerms: [], blockedTerms: [], allowedTerms: [] };
}

/**
 * Validates untrusted JSON into a PolicyDocument. Missing lists and rules default to empty
 * (rules then fall back to the built-in defaults at compile time); anything unknown or
 * ill-typed throws a PolicyError naming the field.
 */
export function parsePolicyDocument(json: unknown): PolicyDocument {
  if (!isRecord(json)) throw new PolicyError('invalid_type', 'policy', 'must be a JSON object');
  for (const key of Object.keys(json)) {
    if (!['version', 'name', 'lists', 'rules'].includes(key)) {
      throw new PolicyError('unknown_field', key, 'is not a policy field; expected version, name, lists, rules');
    }
  }
  if (json.version !== 1) throw new PolicyError('invalid_version', 'version', 'must be 1');
  if (json.name !== undefined && typeof json.name !== 'string') {
    throw new PolicyError('invalid_type', 'name', 'must be a string');
  }
  const doc: PolicyDocument = {
    version: 1,
    lists: json.lists === undefined ? emptyLists() : parseLists(json.lists, 'lists'),
    rules: json.rules === undefined ? { internal: {}, external: {} } : parseRules(json.rules, 'rules'),
  };
  if (typeof json.name === 'string') doc.name = json.name;
  return doc;
}

function union(base: readonly string[], extra: readonly string[]): string[] {
  return [...new Set([...base, ...extra])];
}

/**
 * An override that sets a whole category replaces the base's per-rule actions in that
 * category, so `{"personal": "block"}` means what it says.
 */
function mergeRuleActions(base: RuleActions, override: RuleActions): RuleActions {
  const merged: RuleActions = {};
  for (const [key, action] of Object.entries(base)) {
    const category = key.split('.')[0] ?? key;
    if (key.includes('.') && Object.hasOwn(override, category)) continue;
    merged[key] = action;
  }
  return { ...merged, ...override };
}

/**
 * Merges an override over a base policy. The override is either a full policy document or
 * a short file with top-level lists only (`{"codenames": [...], "crisisTerms": [...]}`),
 * optionally with `rules`. Lists are unioned; rule actions replace the base's.
 */
export function mergePolicyOverrides(base: PolicyDocument, partial: unknown): PolicyDocument {
  if (!isRecord(partial)) throw new PolicyError('invalid_type', 'policy', 'must be a JSON object');
  let overrides: PolicyDocument;
  if (partial.version !== undefined || partial.lists !== undefined) {
    overrides = parsePolicyDocument(partial);
  } else {
    const { rules, name, ...lists } = partial;
    overrides = parsePolicyDocument({ version: 1, lists, ...(rules === undefined ? {} : { rules }), ...(name === undefined ? {} : { name }) });
  }
  const lists = emptyLists();
  for (const list of LIST_NAMES) lists[list] = union(base.lists[list], overrides.lists[list]);
  const merged: PolicyDocument = {
    version: 1,
    lists,
    rules: {
      internal: mergeRuleActions(base.rules.internal, overrides.rules.internal),
      external: mergeRuleActions(base.rules.external, overrides.rules.external),
    },
  };
  const name = overrides.name ?? base.name;
  if (name !== undefined) merged.name = name;
  return merged;
}
