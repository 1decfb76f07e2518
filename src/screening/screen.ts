// screen(): normalise → detect → decide. Synchronous and allocation-light so the composer can
// call it on every keystroke.
import { maxAction } from './actions.js';
import type { CompiledPolicy } from './compile.js';
import { detectConfidential } from './detectors/confidential.js';
import { detectCrisis } from './detectors/crisis.js';
import { detectInternalLinks } from './detectors/links.js';
import { detectOffensive } from './detectors/offensive.js';
import { detectPersonal } from './detectors/personal.js';
import { detectSecrets } from './detectors/secrets.js';
import { detectSensitive } from './detectors/sensitive.js';
import { DigitRuns, createNormalisedBuffer, symbolEnd } from './symbols.js';
import { ruleSpec } from './rules.js';
import type { ScanContext } from './scan-context.js';
import { Group, TermHits } from './term-index.js';
import type { Action, Audience, Detection, Finding, ScreeningResult } from './types.js';

// Screening is synchronous, so one set of buffers (and one context) serves every call.
const buffer = createNormalisedBuffer();
const hits = new TermHits();
const ctx: ScanContext = {
  text: '',
  norm: buffer,
  hits,
  terms: { codenames: [], blockedTerms: [], crisisTerms: [], internalDomains: [] },
  facts: 0,
  digitRuns: new DigitRuns(),
  out: [],
};

/** Runs every detector and returns raw detections with original-text offsets. */
export function detect(text: string, policy: CompiledPolicy): Detection[] {
  const norm = buffer;
  ctx.facts = policy.index.scanText(text, norm, hits);
  ctx.digitRuns = policy.index.digitRuns;
  ctx.text = text;
  ctx.terms = policy.terms;
  ctx.out = [];
  if (hits.any > 0) {
    detectOffensive(ctx);
    detectSensitive(ctx);
    detectConfidential(ctx);
    detectCrisis(ctx);
  }
  detectPersonal(ctx);
  detectSecrets(ctx);
  detectInternalLinks(ctx, policy.domains);

  const allowed = hits.get(Group.Allowed);
  if (allowed.length === 0) return ctx.out;
  // allowedTerms: a finding that lies inside an allowed term does not count.
  const spans = allowed.map((hit) => [norm.starts[hit.start] ?? 0, symbolEnd(norm, hit.end - 1)] as const);
  return ctx.out.filter((d) => !spans.some(([s, e]) => s <= d.start && d.end <= e));
}

function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || (a.rule === b.rule ? 0 : a.rule.localeCompare(b.rule));
}

/** By position, then rule; stable, like Array.prototype.sort, but without its set-up for the few findings a post has. */
function sortFindings(findings: Finding[]): void {
  if (findings.length > 16) {
    findings.sort(compareFindings);
    return;
  }
  for (let i = 1; i < findings.length; i++) {
    const item = findings[i];
    if (item === undefined) continue;
    let j = i - 1;
    for (; j >= 0; j--) {
      const other = findings[j];
      if (other === undefined || compareFindings(other, item) <= 0) break;
      findings[j + 1] = other;
    }
    findings[j + 1] = item;
  }
}

export function screen(text: string, audience: Audience, policy: CompiledPolicy): ScreeningResult {
  const detections = detect(text, policy);
  let action: Action = 'allow';
  const findings: Finding[] = [];
  const actions = policy.actions[audience];
  for (const d of detections) {
    if (d.end <= d.start) continue;
    const spec = ruleSpec(d.rule);
    const ruleAction = actions.get(d.rule) ?? spec[audience];
    // Findings the policy allows are left out: the author only hears about what matters here.
    if (ruleAction === 'allow') continue;
    action = maxAction(action, ruleAction);
    findings.push({
      rule: d.rule,
      category: spec.category,
      action: ruleAction,
      message: d.message,
      start: d.start,
      end: d.end,
      excerpt: text.slice(d.start, d.end),
      suggestion: d.suggestion ?? spec.suggestion,
    });
  }
  if (findings.length > 1) sortFindings(findings);
  return { action, findings };
}
