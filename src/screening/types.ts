// Shared types of the screening engine: audiences, actions, findings and results.

export type Audience = 'internal' | 'external';

/** Ordered from most to least permissive; see actions.ts for comparisons. */
export type Action = 'allow' | 'warn' | 'review' | 'block';

export type Category = 'offensive' | 'sensitive' | 'confidential' | 'personal' | 'secrets' | 'links' | 'crisis';

export interface Finding {
  /** Stable rule id such as `personal.card`; policies key their actions on it. */
  rule: string;
  category: Category;
  action: Action;
  /** One sentence for the author: what was found and why it matters. */
  message: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  excerpt: string;
  suggestion?: string;
}

export interface ScreeningResult {
  action: Action;
  findings: Finding[];
}

/**
 * What a detector reports before the policy assigns an action. Offsets are into the
 * original text.
 */
export interface Detection {
  rule: string;
  start: number;
  end: number;
  message: string;
  suggestion?: string;
}
