// What every detector sees for one post: the original text, its normalised form, the term
// hits, the compiled policy's lists, and helpers to map symbol spans back to the text.
import { symbolEnd, type DigitRuns, type NormalisedText } from './symbols.js';
import type { Hit, TermHits } from './term-index.js';
import type { Detection } from './types.js';

export interface PolicyTerms {
  codenames: readonly string[];
  blockedTerms: readonly string[];
  crisisTerms: readonly string[];
  /** Lower-cased entries of the internal-domain list. */
  internalDomains: readonly string[];
}

export interface ScanContext {
  text: string;
  norm: NormalisedText;
  hits: TermHits;
  terms: PolicyTerms;
  /** Character facts of the text (FACT_* in symbols.ts), for cheap gates. */
  facts: number;
  /** Where the text's runs of ASCII digits start. */
  digitRuns: DigitRuns;
  out: Detection[];
}

export function hitStart(ctx: ScanContext, hit: Hit): number {
  return ctx.norm.starts[hit.start] ?? 0;
}

export function hitEnd(ctx: ScanContext, hit: Hit): number {
  return symbolEnd(ctx.norm, hit.end - 1);
}

/** Reports a finding over a symbol span. */
export function reportHit(ctx: ScanContext, rule: string, hit: Hit, message: string): void {
  ctx.out.push({ rule, start: hitStart(ctx, hit), end: hitEnd(ctx, hit), message });
}

/**
 * The sentence around `pos`: bounded by line breaks and by `. ! ? ;` followed by a space.
 * Local context checks stay inside it, so text added elsewhere cannot change them.
 */
export function sentenceBounds(text: string, pos: number): [number, number] {
  let start = pos;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || c === 13) break;
    if ((c === 46 || c === 33 || c === 63 || c === 59) && start < text.length && isSpace(text.charCodeAt(start))) break;
    start--;
  }
  let end = pos;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    if ((c === 46 || c === 33 || c === 63 || c === 59) && (end + 1 === text.length || isSpace(text.charCodeAt(end + 1)))) {
      end++;
      break;
    }
    end++;
  }
  return [start, end];
}

/**
 * `max(start of the line around pos, pos - back)`: the start of a look-behind window that
 * must not cross a line, found without walking the whole line.
 */
export function windowStart(text: string, pos: number, back: number): number {
  let start = pos;
  const limit = pos - back;
  while (start > limit && start > 0) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || c === 13) break;
    start--;
  }
  return start;
}

/** `min(end of the line around pos, limit)`, for a look-ahead window (pos <= limit). */
export function windowEnd(text: string, pos: number, limit: number): number {
  let end = pos;
  const stop = Math.min(limit, text.length);
  while (end < stop) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  return end;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
