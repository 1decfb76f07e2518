// Confidential material: confidentiality and embargo markers, the organization's codenames
// and blocked terms, and unannounced financial figures (a financial word and an amount in
// the same sentence, with a forward-looking cue, and no sign that the figure is public).
import { hitEnd, hitStart, reportHit, sentenceBounds, type ScanContext } from '../scan-context.js';
import { FACT_DIGIT } from '../symbols.js';
import { Group, coveredBy, type Hit } from '../term-index.js';

/** Money, percentages and headcounts; a percentage followed by "off" is a discount, not a figure. */
const AMOUNT =
  /(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:k|m|mm|bn|b|million|billion|thousand|trillion)\b)?|\b\d[\d,.]*\s?(?:%|percent\b|per cent\b|pct\b|bps\b|basis points\b|million\b|billion\b|thousand\b|trillion\b|[kmb]n?\b|(?:people|employees|staff|jobs|roles|positions|workers|engineers|heads|FTEs?)\b)|\b\d{2,}[\d,]*\s+(?:of\s+(?:our|the)\s+)?(?:people|employees|staff|jobs|roles|positions|workers|engineers)\b)(?!\s*off\b)/giu;

/** "cut 350 jobs", "lay off 10% of staff": headcount reductions written with a verb. */
const JOB_CUTS =
  /\b(?:cut|cuts|cutting|eliminate|eliminating|slash|slashing|shed|shedding|lay(?:ing)?\s+off|laid\s+off|let\s+go(?:\s+of)?|letting\s+go(?:\s+of)?|axe|axing|reduce|reducing)\s+(?:about\s+|around\s+|roughly\s+|up\s+to\s+|over\s+|nearly\s+|some\s+|another\s+)?\d[\d,.]*\s?%?\s+(?:of\s+(?:our|the|its)\s+)?(?:jobs|roles|positions|employees|people|staff|workers|headcount|engineers|workforce)\b/gi;

function inside(hit: Hit, ctx: ScanContext, from: number, to: number): boolean {
  const start = hitStart(ctx, hit);
  return start >= from && start < to;
}

function anyInside(hits: readonly Hit[], ctx: ScanContext, from: number, to: number): boolean {
  return hits.some((hit) => inside(hit, ctx, from, to));
}

export function detectConfidential(ctx: ScanContext): void {
  const markers = ctx.hits.get(Group.Marker);
  const markerIdioms = ctx.hits.get(Group.MarkerIdiom);
  let lastEnd = -1;
  const liveMarkers = markers.length === 0 ? markers : markers.filter((hit) => !coveredBy(hit.start, hit.end, markerIdioms));
  for (const hit of liveMarkers.length === 0 ? liveMarkers : [...liveMarkers].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (hit.start < lastEnd) continue;
    lastEnd = hit.end;
    reportHit(ctx, 'confidential.marker', hit, 'Marked confidential, internal-only or embargoed.');
  }

  for (const hit of ctx.hits.get(Group.Codename)) {
    const name = ctx.terms.codenames[hit.ref] ?? '';
    reportHit(ctx, 'confidential.codename', hit, `Names the internal codename or unreleased product "${name}".`);
  }
  for (const hit of ctx.hits.get(Group.Blocked)) {
    const term = ctx.terms.blockedTerms[hit.ref] ?? '';
    reportHit(ctx, 'confidential.blocked-term', hit, `Uses the blocked term "${term}".`);
  }
  detectFinancial(ctx, liveMarkers.length > 0);
}

function detectFinancial(ctx: ScanContext, marked: boolean): void {
  const direct = ctx.hits.get(Group.FinanceDirect);
  const terms = ctx.hits.get(Group.FinanceTerm);
  const { text } = ctx;
  const maybeCuts = ctx.hits.get(Group.Headcount).length > 0 && (ctx.facts & FACT_DIGIT) !== 0 && ctx.hits.get(Group.CutVerb).length > 0;
  if (direct.length === 0 && terms.length === 0 && !maybeCuts) return;
  const forward = ctx.hits.get(Group.ForwardCue);
  const publicCues = ctx.hits.get(Group.PublicCue).filter((hit) => !coveredBy(hit.start, hit.end, forward));
  const past = ctx.hits.get(Group.PastCue);
  const forwardAnywhere = forward.length > 0 || direct.length > 0 || marked;
  const reported: Array<[number, number]> = [];
  const report = (start: number, end: number, message: string): void => {
    if (reported.some(([s, e]) => start < e && s < end)) return;
    reported.push([start, end]);
    ctx.out.push({ rule: 'confidential.financial', start, end, message });
  };

  for (const hit of direct) {
    const start = hitStart(ctx, hit);
    const [from, to] = sentenceBounds(text, start);
    if (anyInside(publicCues, ctx, from, to)) continue;
    report(start, hitEnd(ctx, hit), 'Discloses an unannounced financial outcome or corporate event.');
  }

  if (!forwardAnywhere) return;
  if (maybeCuts) {
    JOB_CUTS.lastIndex = 0;
    for (let m = JOB_CUTS.exec(text); m !== null; m = JOB_CUTS.exec(text)) {
      const [from, to] = sentenceBounds(text, m.index);
      if (anyInside(publicCues, ctx, from, to)) continue;
      if (!anyInside(forward, ctx, from, to) && anyInside(past, ctx, from, to)) continue;
      report(m.index, m.index + m[0].length, 'Discloses planned job cuts that look unannounced.');
    }
  }
  for (const hit of terms) {
    const start = hitStart(ctx, hit);
    const [from, to] = sentenceBounds(text, start);
    if (anyInside(publicCues, ctx, from, to)) continue;
    const forwardHere = anyInside(forward, ctx, from, to);
    if (!forwardHere && anyInside(past, ctx, from, to)) continue;
    AMOUNT.lastIndex = from;
    const sentence = text.slice(0, to);
    const amount = AMOUNT.exec(sentence);
    if (!amount) continue;
    const end = hitEnd(ctx, hit);
    const spanStart = Math.min(start, amount.index);
    const spanEnd = Math.max(end, amount.index + amount[0].length);
    report(spanStart, spanEnd, 'Gives a financial figure that looks unannounced (forward-looking or not yet public).');
  }
}
