/**
 * Screening results as the API shows them: findings (with the field their offsets refer to) and a
 * post's moderation state (`roost.moderation` on a Status, for its author and for moderators).
 */
import type { Finding } from '../../screening/index.js';
import type { StatusModeration } from '../../services/posts/moderation-records.js';

export interface PresentedFinding {
  rule: string;
  category: string;
  action: string;
  message: string;
  /** UTF-16 offsets into the field, end exclusive (JavaScript string indices). */
  start: number;
  end: number;
  excerpt: string;
  suggestion: string | null;
  field?: 'status' | 'spoiler_text';
}

export function presentFinding(finding: Finding & { field?: 'status' | 'spoiler_text' }): PresentedFinding {
  return {
    rule: finding.rule,
    category: finding.category,
    action: finding.action,
    message: finding.message,
    start: finding.start,
    end: finding.end,
    excerpt: finding.excerpt,
    suggestion: finding.suggestion ?? null,
    ...(finding.field ? { field: finding.field } : {}),
  };
}

export interface PresentedModeration {
  state: 'visible' | 'held' | 'removed';
  action: string | null;
  findings: PresentedFinding[];
  policy_version: number | null;
  screened_at: string | null;
  decision: { decision: 'release' | 'remove'; reason: string; decided_at: string } | null;
}

export function presentModeration(moderation: StatusModeration): PresentedModeration {
  return {
    state: moderation.state,
    action: moderation.action,
    findings: moderation.findings.map(presentFinding),
    policy_version: moderation.policyVersion,
    screened_at: moderation.screenedAt === null ? null : new Date(moderation.screenedAt).toISOString(),
    decision:
      moderation.decision === null
        ? null
        : {
            decision: moderation.decision.decision,
            reason: moderation.decision.reason,
            decided_at: new Date(moderation.decision.decidedAt).toISOString(),
          },
  };
}
