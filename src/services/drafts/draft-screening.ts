/**
 * Screening a brand draft for the public: with the external audience, under the policy in force
 * at that moment (the screening service re-reads it), on submit, at the moment of sending, and
 * just before each external delivery.
 */
import type { ScreeningSummary } from '../../domain/brands/workflow.js';
import type { PostScreening, PostTexts } from '../screening/post-screening.js';
import type { StoredScreening } from './draft-store.js';

export interface ExternalScreening {
  screenPost(texts: PostTexts, audience: 'external'): Promise<PostScreening>;
}

export interface DraftScreening {
  summary: ScreeningSummary;
  stored: StoredScreening;
}

export async function screenDraft(
  screening: ExternalScreening,
  revision: { text: string; spoiler_text: string },
  phase: StoredScreening['phase'],
): Promise<DraftScreening> {
  const result = await screening.screenPost(
    { text: revision.text, spoilerText: revision.spoiler_text },
    'external',
  );
  const categories = [...new Set(result.findings.map((f) => f.category))].sort();
  return {
    summary: { action: result.action, categories },
    stored: {
      phase,
      action: result.action,
      findings: result.findings.map((f) => ({
        rule: f.rule,
        category: f.category,
        action: f.action,
        message: f.message,
        field: f.field,
        start: f.start,
        end: f.end,
        excerpt: f.excerpt,
        suggestion: f.suggestion,
      })),
      policyVersion: result.policyVersion,
      at: Date.now(),
    },
  };
}

/** One line per finding, for the comment thread the author reads. */
export function describeFindings(stored: StoredScreening): string {
  const lines = stored.findings.map((f) => `- ${f.message} ("${f.excerpt}")`);
  return [`Screening (${stored.phase}) decided: ${stored.action}.`, ...lines].join('\n');
}
