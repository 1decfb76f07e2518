// Sensitive topics: death, disasters, violence, tragedy, religion, ethnicity, politics and
// health. Strong terms count alone; weak, idiom-prone terms ("died", "flood", "shooting")
// count only beside people affected or a strong term; idioms ("killer feature", "disaster
// recovery") cancel what they contain. A joke or a sales pitch in the same post escalates.
import { findToneMarker } from '../context-markers.js';
import { builtinTables, type SensitiveTopic } from '../lexicon.js';
import { hitEnd, hitStart, type ScanContext } from '../scan-context.js';
import { Group, type Hit } from '../term-index.js';

const TOPIC_WORDS: Record<SensitiveTopic, string> = {
  death: 'death',
  disaster: 'a disaster',
  violence: 'violence',
  tragedy: 'a tragedy',
  religion: 'religion',
  ethnicity: 'ethnicity or race',
  politics: 'politics',
  health: 'health',
};

function overlapsAny(hit: Hit, idioms: readonly Hit[]): boolean {
  for (const idiom of idioms) if (idiom.start < hit.end && hit.start < idiom.end) return true;
  return false;
}

export function detectSensitive(ctx: ScanContext): void {
  const raw = ctx.hits.get(Group.Sensitive);
  if (raw.length === 0) return;
  const idioms = ctx.hits.get(Group.SensitiveIdiom);
  const terms = builtinTables().sensitive;
  // An idiom cancels any sensitive match it overlaps: "my laptop died in the demo". Most
  // posts end here (every match an idiom, or weak and alone), so that is decided first.
  let live = 0;
  let strong = false;
  for (const hit of raw) {
    if (overlapsAny(hit, idioms)) continue;
    live++;
    if (terms[hit.ref]?.strong === true) strong = true;
  }
  if (live === 0 || (!strong && ctx.hits.get(Group.PeopleCue).length === 0)) return;
  const liveHits = raw.filter((hit) => !overlapsAny(hit, idioms));
  const corroborated = strong || ctx.hits.get(Group.PeopleCue).length > 0;
  const counted: Hit[] = liveHits.filter((hit) => terms[hit.ref]?.strong === true || corroborated);
  if (counted.length === 0) return;

  const tone = findToneMarker(ctx.text);
  const rule = tone === undefined ? 'sensitive.topic' : tone.kind === 'joke' ? 'sensitive.joke' : 'sensitive.promotion';
  counted.sort((a, b) => a.start - b.start || b.end - a.end);
  let lastEnd = -1;
  for (const hit of counted) {
    const start = hitStart(ctx, hit);
    const end = hitEnd(ctx, hit);
    if (start < lastEnd) continue;
    lastEnd = end;
    const topic = TOPIC_WORDS[terms[hit.ref]?.topic ?? 'tragedy'];
    const message =
      tone === undefined
        ? `Refers to ${topic}.`
        : tone.kind === 'joke'
          ? `Refers to ${topic} in a joking tone ("${tone.text}").`
          : `Refers to ${topic} next to a sales pitch ("${tone.text}").`;
    ctx.out.push({ rule, start, end, message });
  }
}
