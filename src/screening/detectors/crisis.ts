// Crisis watch: the terms of an active crisis that administrators list (`Hurricane Delia`,
// `#DeliaStrong`). Public posts that use them need review; jokes or sales pitches riding on
// them are blocked.
import { findToneMarker } from '../context-markers.js';
import { hitEnd, hitStart, type ScanContext } from '../scan-context.js';
import { Group } from '../term-index.js';

export function detectCrisis(ctx: ScanContext): void {
  const hits = ctx.hits.get(Group.Crisis);
  if (hits.length === 0) return;
  const tone = findToneMarker(ctx.text);
  let lastEnd = -1;
  for (const hit of [...hits].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const start = hitStart(ctx, hit);
    const end = hitEnd(ctx, hit);
    if (start < lastEnd) continue;
    lastEnd = end;
    const term = ctx.terms.crisisTerms[hit.ref] ?? '';
    if (tone === undefined) {
      ctx.out.push({ rule: 'crisis.term', start, end, message: `Mentions the active crisis "${term}".` });
    } else {
      const how = tone.kind === 'joke' ? `a joking tone ("${tone.text}")` : `a sales pitch ("${tone.text}")`;
      ctx.out.push({ rule: 'crisis.exploitation', start, end, message: `Mentions the active crisis "${term}" with ${how}.` });
    }
  }
}
