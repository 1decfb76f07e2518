// Offensive language: slurs, profanity and mild swearing, from obscenity's English dataset
// and the project's list, matched on normalised text (leetspeak, homoglyphs, spacing and
// repeats undone) with obscenity's whitelist logic against the Scunthorpe problem.
import offensiveData from '../data/offensive.json' with { type: 'json' };
import { builtinTables } from '../lexicon.js';
import type { OffensiveKind } from '../offensive-lexicon.js';
import { hitEnd, hitStart, type ScanContext } from '../scan-context.js';
import { Group, coveredBy } from '../term-index.js';

const SEVERITY: Record<OffensiveKind, number> = { mild: 0, profanity: 1, slur: 2 };
const RULE: Record<OffensiveKind, string> = { slur: 'offensive.slur', profanity: 'offensive.profanity', mild: 'offensive.mild' };
const MESSAGE: Record<OffensiveKind, string> = {
  slur: 'A slur: a term that demeans people for who they are.',
  profanity: 'Profanity or sexual vulgarity.',
  mild: 'Mild swearing.',
};

const NAME_WORDS = new Set(offensiveData.names.words);
const TITLE_WORD = /^[A-Z][a-z]+$/;

/** "Dick Van Dyke", "Philip K. Dick": a title-case given name beside another capitalised word. */
function readsAsName(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end);
  if (!TITLE_WORD.test(word) || !NAME_WORDS.has(word.toLowerCase())) return false;
  const after = /^\s+[A-Z]/.test(text.slice(end, end + 2));
  const before = /[A-Z][a-z]*\.?\s+$/.test(text.slice(Math.max(0, start - 20), start));
  return after || before;
}

export function detectOffensive(ctx: ScanContext): void {
  const hits = ctx.hits.get(Group.Offensive);
  if (hits.length === 0) return;
  const allow = ctx.hits.get(Group.OffensiveAllow);
  // Scunthorpe words: often every match lies inside a whitelisted word.
  if (allow.length > 0 && hits.every((hit) => coveredBy(hit.start, hit.end, allow))) return;
  const phrases = builtinTables().offensive;
  // Overlapping hits of several patterns become one finding with the most severe kind.
  let current: { start: number; end: number; kind: OffensiveKind } | undefined;
  const flush = (): void => {
    if (!current) return;
    ctx.out.push({ rule: RULE[current.kind], start: current.start, end: current.end, message: MESSAGE[current.kind] });
    current = undefined;
  };
  const sorted = hits.filter((hit) => !coveredBy(hit.start, hit.end, allow)).sort((a, b) => a.start - b.start || b.end - a.end);
  for (const hit of sorted) {
    const kind = phrases[hit.ref]?.kind ?? 'profanity';
    const start = hitStart(ctx, hit);
    const end = hitEnd(ctx, hit);
    if (readsAsName(ctx.text, start, end)) continue;
    if (current && start < current.end) {
      current.end = Math.max(current.end, end);
      if (SEVERITY[kind] > SEVERITY[current.kind]) current.kind = kind;
      continue;
    }
    flush();
    current = { start, end, kind };
  }
  flush();
}
