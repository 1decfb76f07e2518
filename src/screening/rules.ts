// The rule catalogue: every rule id the detectors can report, its category, its default
// action per audience and the advice shown to the author. Policies override the actions.
import type { Action, Category } from './types.js';

export interface RuleSpec {
  id: string;
  category: Category;
  internal: Action;
  external: Action;
  /** Shown as the finding's suggestion: what the author can do about it. */
  suggestion: string;
}

function rule(id: string, category: Category, internal: Action, external: Action, suggestion: string): RuleSpec {
  return { id, category, internal, external, suggestion };
}

const SECRET_ADVICE = 'Remove the credential and rotate it now: anything pasted into a post must be treated as leaked.';

export const RULES: readonly RuleSpec[] = [
  rule('offensive.slur', 'offensive', 'block', 'block', 'Remove the slur; it is never acceptable, even quoted or disguised.'),
  rule('offensive.profanity', 'offensive', 'warn', 'block', 'Rephrase without the profanity.'),
  rule('offensive.mild', 'offensive', 'allow', 'warn', 'Consider a more neutral word for a public audience.'),

  rule('sensitive.topic', 'sensitive', 'allow', 'review', 'Check that the tone is respectful and that the brand should speak about this at all.'),
  rule('sensitive.joke', 'sensitive', 'warn', 'block', 'Do not joke about death, disasters, violence or other tragedies.'),
  rule('sensitive.promotion', 'sensitive', 'warn', 'block', 'Do not tie a promotion or sale to a tragedy or sensitive topic.'),

  rule('confidential.marker', 'confidential', 'warn', 'block', 'Material marked confidential or embargoed must not be posted beyond its audience.'),
  rule('confidential.codename', 'confidential', 'allow', 'block', 'Use the public product name, or wait for the announcement.'),
  rule('confidential.financial', 'confidential', 'warn', 'block', 'Unannounced financial figures are material non-public information; wait for the official release.'),
  rule('confidential.blocked-term', 'confidential', 'block', 'block', 'Your administrators have blocked this term.'),

  rule('personal.email', 'personal', 'warn', 'review', "Do not post someone's personal email address; link to a contact page instead."),
  rule('personal.phone', 'personal', 'warn', 'review', "Do not post someone's phone number."),
  rule('personal.card', 'personal', 'block', 'block', 'Remove the card number; payment data must never be posted.'),
  rule('personal.iban', 'personal', 'review', 'block', 'Remove the bank account number.'),
  rule('personal.national-id', 'personal', 'block', 'block', 'Remove the identity number.'),
  rule('personal.dob', 'personal', 'warn', 'block', "Remove the date of birth; with a name it identifies a person."),

  rule('secrets.private-key', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.aws', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.gcp', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.azure', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.github', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.gitlab', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.slack', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.stripe', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.openai', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.anthropic', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.npm', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.sendgrid', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.twilio', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.token', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.jwt', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.connection-string', 'secrets', 'block', 'block', SECRET_ADVICE),
  rule('secrets.password', 'secrets', 'block', 'block', SECRET_ADVICE),

  rule('links.internal', 'links', 'allow', 'block', 'Internal addresses do not work outside and reveal infrastructure; link to a public page.'),

  rule('crisis.term', 'crisis', 'allow', 'review', 'An active crisis is under way; public posts about it need review.'),
  rule('crisis.exploitation', 'crisis', 'warn', 'block', 'Do not joke about or sell on the back of an active crisis.'),
];

export const CATEGORIES: readonly Category[] = ['offensive', 'sensitive', 'confidential', 'personal', 'secrets', 'links', 'crisis'];

const BY_ID = new Map(RULES.map((spec) => [spec.id, spec]));

export function ruleSpec(id: string): RuleSpec {
  const spec = BY_ID.get(id);
  if (!spec) throw new Error(`unknown screening rule ${id}`);
  return spec;
}

export function isRuleOrCategory(key: string): boolean {
  return BY_ID.has(key) || (CATEGORIES as readonly string[]).includes(key);
}
