// Scores the screening engine on the labelled evaluation set.
// Usage: npx tsx eval/screening/score.ts [--cases FILE] [--policy FILE] [--verbose]
//
// Each case lists the acceptable actions per audience. For one case and audience:
//   correct   — the engine's action is acceptable;
//   too lax   — the action is below the least acceptable one;
//   too strict — the action is above the most acceptable one.
// Harmful = allow is not acceptable; recall = harmful cases whose action is at least the
// least acceptable one / harmful cases. Benign = allow is acceptable; a false positive is a
// benign case whose action is stricter than the most acceptable one; FP rate = false
// positives / benign cases.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ACTIONS, actionRank, compilePolicy, defaultPolicy, mergePolicyOverrides, screen, type Action, type Audience } from '../../src/screening/index.js';

interface Case {
  id: string;
  text: string;
  category: string;
  expected: Record<Audience, Action[]>;
}

const here = dirname(fileURLToPath(import.meta.url));

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at !== -1 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}

function loadCases(file: string): Case[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const parsed = JSON.parse(line) as Case;
      for (const audience of ['internal', 'external'] as const) {
        const actions = parsed.expected?.[audience];
        if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => ACTIONS.includes(a))) {
          throw new Error(`${file}:${index + 1}: expected.${audience} must be a non-empty list of actions`);
        }
      }
      return parsed;
    });
}

interface Tally {
  cases: number;
  correct: number;
  lax: number;
  strict: number;
  harmful: number;
  caught: number;
  benign: number;
  falsePositives: number;
}

function emptyTally(): Tally {
  return { cases: 0, correct: 0, lax: 0, strict: 0, harmful: 0, caught: 0, benign: 0, falsePositives: 0 };
}

const casesFile = argument('--cases', join(here, 'cases.jsonl'));
const policyFile = argument('--policy', join(here, 'policy.json'));
const verbose = process.argv.includes('--verbose');
const cases = loadCases(casesFile);
const policy = compilePolicy(mergePolicyOverrides(defaultPolicy(), JSON.parse(readFileSync(policyFile, 'utf8')) as unknown));

const tallies = new Map<string, Tally>();
const misses: string[] = [];
function tally(key: string): Tally {
  let t = tallies.get(key);
  if (!t) tallies.set(key, (t = emptyTally()));
  return t;
}

for (const c of cases) {
  for (const audience of ['internal', 'external'] as const) {
    const acceptable = c.expected[audience];
    const result = screen(c.text, audience, policy);
    const rank = actionRank(result.action);
    const min = Math.min(...acceptable.map(actionRank));
    const max = Math.max(...acceptable.map(actionRank));
    const harmful = !acceptable.includes('allow');
    for (const key of [`${c.category}/${audience}`, `ALL/${audience}`]) {
      const t = tally(key);
      t.cases++;
      if (acceptable.includes(result.action)) t.correct++;
      if (rank < min) t.lax++;
      if (rank > max) t.strict++;
      if (harmful) {
        t.harmful++;
        if (rank >= min) t.caught++;
      } else {
        t.benign++;
        if (rank > max) t.falsePositives++;
      }
    }
    if (!acceptable.includes(result.action)) {
      const found = result.findings.map((f) => `${f.rule}:${JSON.stringify(f.excerpt)}`).join(' ');
      misses.push(`${rank < min ? 'LAX   ' : rank > max ? 'STRICT' : 'OTHER '} ${c.id} ${audience} got ${result.action} want ${acceptable.join('|')} :: ${c.text.slice(0, 90).replace(/\n/g, ' ')} ${found ? '=> ' + found : ''}`);
    }
  }
}

function ratio(n: number, d: number): string {
  return d === 0 ? '   -  ' : (n / d).toFixed(3);
}

console.log(`cases: ${cases.length} from ${casesFile}; policy: ${policyFile}`);
console.log('category/audience        cases correct  lax strict | harmful recall | benign   FP-rate');
const keys = [...tallies.keys()].sort((a, b) => (a.startsWith('ALL') ? 1 : 0) - (b.startsWith('ALL') ? 1 : 0) || a.localeCompare(b));
for (const key of keys) {
  const t = tallies.get(key) ?? emptyTally();
  console.log(
    `${key.padEnd(24)} ${String(t.cases).padStart(5)} ${String(t.correct).padStart(7)} ${String(t.lax).padStart(4)} ${String(t.strict).padStart(6)} | ${String(t.harmful).padStart(7)} ${ratio(t.caught, t.harmful).padStart(6)} | ${String(t.benign).padStart(6)} ${ratio(t.falsePositives, t.benign).padStart(9)}`,
  );
}
if (verbose) for (const miss of misses) console.log(miss);
else if (misses.length > 0) console.log(`${misses.length} case/audience pairs outside the acceptable actions (--verbose lists them)`);
