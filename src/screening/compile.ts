// Compiles a policy document once into what screening needs per post: the shared term
// automaton (built-in lists plus the organization's terms), the internal-domain matcher and
// the action of every rule for each audience.
import { addBuiltinTerms } from './lexicon.js';
import { compileInternalDomains, type InternalDomainMatcher } from './detectors/links.js';
import { parsePolicyDocument, type PolicyDocument, type RuleActions } from './policy-document.js';
import { RULES } from './rules.js';
import type { PolicyTerms } from './scan-context.js';
import { Edge, Group, TermIndexBuilder, type TermIndex } from './term-index.js';
import type { Action, Audience } from './types.js';

export interface CompiledPolicy {
  readonly document: PolicyDocument;
  readonly index: TermIndex;
  readonly terms: PolicyTerms;
  readonly domains: InternalDomainMatcher;
  readonly actions: Readonly<Record<Audience, ReadonlyMap<string, Action>>>;
}

/**
 * Spellings under which an organization term is matched: as written, with its words run
 * together (`BlueHeron`, `#ProjectFalcon`) and with camelCase split (`Blue Heron`).
 */
export function termVariants(term: string): string[] {
  const variants = new Set([term]);
  const words = term.replace(/^#/, '').split(/[\s\-_.]+/).filter(Boolean);
  if (words.length > 1) variants.add(words.join(''));
  const camel = term.replace(/^#/, '').replace(/([a-z\d])([A-Z])/g, '$1 $2');
  if (camel !== term) variants.add(camel);
  return [...variants];
}

function addPolicyList(builder: TermIndexBuilder, terms: readonly string[], group: Group, edge: Edge): void {
  terms.forEach((term, ref) => {
    for (const variant of termVariants(term)) builder.addText(variant, { group, ref, left: edge, right: edge });
  });
}

function resolveActions(audience: Audience, rules: RuleActions): Map<string, Action> {
  const actions = new Map<string, Action>();
  for (const spec of RULES) {
    // The document's rule, then its category, then the built-in default for the rule.
    actions.set(spec.id, rules[spec.id] ?? rules[spec.category] ?? spec[audience]);
  }
  return actions;
}

export function compilePolicy(policy: PolicyDocument): CompiledPolicy {
  // Re-validate: callers may hand over a document that was edited after parsing.
  const document = parsePolicyDocument(policy);
  const builder = new TermIndexBuilder();
  addBuiltinTerms(builder);
  const { lists } = document;
  addPolicyList(builder, lists.codenames, Group.Codename, Edge.Soft);
  addPolicyList(builder, lists.blockedTerms, Group.Blocked, Edge.Soft);
  addPolicyList(builder, lists.crisisTerms, Group.Crisis, Edge.Soft);
  addPolicyList(builder, lists.allowedTerms, Group.Allowed, Edge.Word);
  return {
    document,
    index: builder.build(),
    terms: {
      codenames: lists.codenames,
      blockedTerms: lists.blockedTerms,
      crisisTerms: lists.crisisTerms,
      internalDomains: lists.internalDomains.map((d) => d.toLowerCase()),
    },
    domains: compileInternalDomains(lists.internalDomains),
    actions: {
      internal: resolveActions('internal', document.rules.internal),
      external: resolveActions('external', document.rules.external),
    },
  };
}
