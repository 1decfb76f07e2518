#!/usr/bin/env node
// Scores `roost screen` output against the blind evaluation set (eval/screening/blind.jsonl).
//
// Usage:
//   node bin/roost.mjs screen --audience internal --policy eval/screening/blind-policy.json \
//     < <(jq -c '{id, text}' eval/screening/blind.jsonl) > /tmp/internal.jsonl
//   node bin/roost.mjs screen --audience external --policy eval/screening/blind-policy.json \
//     < <(jq -c '{id, text}' eval/screening/blind.jsonl) > /tmp/external.jsonl
//   node eval/screening/score-blind.mjs /tmp/internal.jsonl /tmp/external.jsonl [--cases FILE] [--misses] [--json]
//
// For every case and audience the engine's action is compared with the acceptable set in
// `expected[audience]` (actions ordered allow < warn < review < block):
//   correct    action is in the acceptable set
//   too lax    action is below the least acceptable action
//   too strict action is above the most acceptable action
//   (an action inside the range but not listed, e.g. "review" for ["allow","block"], counts as "off")
// Recall     = harmful cases (acceptable set excludes "allow") whose action is not too lax.
// Detection  = harmful cases whose action is anything but "allow".
// FP rate    = benign-for-this-audience cases (acceptable set includes "allow") whose action is too strict.
// Exit status is 0 whatever the score; 2 for bad usage or unreadable files.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ORDER = ['allow', 'warn', 'review', 'block'];
const rank = (a) => ORDER.indexOf(a);

function usage(msg) {
  if (msg) console.error(msg);
  console.error('Usage: node eval/screening/score-blind.mjs INTERNAL_OUT EXTERNAL_OUT [--cases FILE] [--misses] [--json]');
  process.exit(2);
}

const args = process.argv.slice(2);
const positional = [];
let casesFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'blind.jsonl');
let showMisses = false;
let asJson = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--cases') casesFile = args[++i] ?? usage('--cases needs a file');
  else if (a === '--misses') showMisses = true;
  else if (a === '--json') asJson = true;
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else positional.push(a);
}
if (positional.length !== 2) usage();

function readJsonl(file) {
  let text;
  try { text = readFileSync(file, 'utf8'); } catch (e) { usage(`cannot read ${file}: ${e.message}`); }
  return text.split('\n').filter((l) => l.trim()).map((l, i) => {
    try { return JSON.parse(l); } catch { usage(`${file}:${i + 1}: not JSON`); }
  });
}

const cases = readJsonl(casesFile);
const outputs = { internal: readJsonl(positional[0]), external: readJsonl(positional[1]) };
const byId = {};
for (const aud of ['internal', 'external']) {
  byId[aud] = new Map(outputs[aud].map((o) => [String(o.id), o]));
}

const categories = [...new Set(cases.map((c) => c.category))];
const blank = () => ({ cases: 0, correct: 0, lax: 0, strict: 0, off: 0, missing: 0, harmful: 0, caught: 0, detected: 0, benign: 0, fp: 0 });
const stats = {};
for (const cat of [...categories, 'ALL']) stats[cat] = { internal: blank(), external: blank() };
const misses = [];

for (const c of cases) {
  for (const aud of ['internal', 'external']) {
    const ok = c.expected[aud];
    const min = Math.min(...ok.map(rank));
    const max = Math.max(...ok.map(rank));
    const out = byId[aud].get(String(c.id));
    const got = out && !out.error && ORDER.includes(out.action) ? out.action : null;
    const harmful = !ok.includes('allow');
    for (const s of [stats[c.category][aud], stats.ALL[aud]]) {
      s.cases++;
      if (harmful) s.harmful++; else s.benign++;
      if (got === null) { s.missing++; continue; }
      const r = rank(got);
      if (ok.includes(got)) s.correct++;
      else if (r < min) s.lax++;
      else if (r > max) s.strict++;
      else s.off++;
      if (harmful && r >= min) s.caught++;
      if (harmful && r > 0) s.detected++;
      if (!harmful && r > max) s.fp++;
    }
    if (got === null || !ok.includes(got)) {
      misses.push({
        id: c.id, category: c.category, audience: aud, expected: ok, got: got ?? `ERROR ${out?.error ?? 'no output'}`,
        kind: got === null ? 'missing' : rank(got) < min ? 'too lax' : rank(got) > max ? 'too strict' : 'off',
        rules: out?.findings?.map((f) => f.rule) ?? [], text: c.text,
      });
    }
  }
}

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');

if (asJson) {
  console.log(JSON.stringify({ stats, misses }, null, 2));
  process.exit(0);
}

const header = ['category', 'audience', 'cases', 'correct', 'too lax', 'too strict', 'off', 'missing', 'recall', 'detected', 'FP rate'];
const table = [header];
for (const cat of [...categories, 'ALL']) {
  for (const aud of ['internal', 'external']) {
    const s = stats[cat][aud];
    table.push([
      cat, aud, s.cases, `${s.correct} (${pct(s.correct, s.cases)})`, s.lax, s.strict, s.off, s.missing,
      `${s.caught}/${s.harmful} ${pct(s.caught, s.harmful)}`,
      `${s.detected}/${s.harmful} ${pct(s.detected, s.harmful)}`,
      `${s.fp}/${s.benign} ${pct(s.fp, s.benign)}`,
    ].map(String));
  }
}
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((v, j) => v.padEnd(widths[j])).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log('\nrecall = harmful cases (acceptable set excludes allow) acted on at least as strictly as required;');
console.log('detected = harmful cases given anything but allow; FP rate = cases whose acceptable set includes allow but got a stricter action than the most acceptable.');

if (showMisses) {
  console.log(`\nMisses (${misses.length}):`);
  for (const cat of categories) {
    const m = misses.filter((x) => x.category === cat);
    if (!m.length) continue;
    console.log(`\n## ${cat} (${m.length})`);
    for (const x of m) {
      console.log(`${x.id} ${x.audience} expected [${x.expected.join(',')}] got ${x.got} (${x.kind}${x.rules.length ? `; rules: ${[...new Set(x.rules)].join(',')}` : ''}) :: ${JSON.stringify(x.text)}`);
    }
  }
}
