// Benchmark of the screening engine against obscenity's RegExpMatcher alone and a plain
// Aho–Corasick pass over the same 10,000 organization terms, on a seeded corpus of posts.
// Usage: npx tsx bench/screening.ts [--mb 50] [--quick]   (SCREEN_BENCH_MB works too)
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { PlainTermMatcher } from '../src/screening/aho-corasick.js';
import { compilePolicy, defaultPolicy, screen, type PolicyDocument } from '../src/screening/index.js';

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const megabytes = Number(argValue('--mb') ?? process.env.SCREEN_BENCH_MB ?? (process.argv.includes('--quick') ? 5 : 50));
const targetBytes = Math.round(megabytes * 1024 * 1024);

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20240611);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ven', 'tor', 'zel', 'quin', 'bar', 'dex', 'nor', 'sil', 'tha', 'ur', 'pex', 'mon', 'gra', 'fi', 'lux', 'or', 'an', 'te', 'vo', 'shi'];
function invented(): string {
  const parts = 2 + Math.floor(random() * 2);
  let word = '';
  for (let i = 0; i < parts; i++) word += pick(SYLLABLES);
  return word[0]?.toUpperCase() + word.slice(1);
}
const orgTerms = new Set<string>();
while (orgTerms.size < 10_000) orgTerms.add(random() < 0.3 ? `${invented()} ${invented()}` : invented());
const terms = [...orgTerms];
const policyDoc: PolicyDocument = {
  ...defaultPolicy(),
  lists: {
    codenames: terms.slice(0, 5_000),
    blockedTerms: terms.slice(5_000),
    internalDomains: ['corp.example.com', '*.internal'],
    crisisTerms: ['Hurricane Delia', '#DeliaStrong'],
    allowedTerms: [],
  },
};

const BENIGN = [
  'Huge thanks to the support team for a record satisfaction score this month.',
  'Reminder: timesheets are due on Friday at 5pm, please submit them on time.',
  'Our new mobile app is live in both stores, download it and tell us what you think!',
  'The design review moved to Thursday at 2pm in the large meeting room on floor 4.',
  'Welcome aboard to the five new engineers who joined the platform group this week.',
  'We are proud to announce our partnership with the city library for a coding club.',
  'Lunch and learn on accessibility tomorrow; pizza will be provided for everyone.',
  'Version 4.2 brings dark mode, faster sync and a brand-new widget for your home screen.',
  'Shoutout to the infrastructure team for zero downtime during the database migration.',
  'Our spring collection has arrived: fresh colours, softer fabrics and recycled packaging.',
  'The quarterly town hall recording is on the portal if you missed it yesterday.',
  'Kudos to everyone who volunteered at the food bank, we packed 3,000 meals together.',
  'Please update your laptops before Monday, the security patch is mandatory.',
  'This killer feature makes onboarding dead simple, shoot me an email for the deck.',
  'Disaster recovery drill on Saturday morning; the war room is on floor 2.',
  'Our Scunthorpe and Penistone stores now offer next-day delivery on all orders.',
  'Check the launch post at https://blog.example.com/launch and share it widely.',
  'Questions? Email support@example.com and the team will get back to you quickly.',
  'Order #2024556789 shipped today; version 10.2.33 of the SDK is rolling out.',
  'Who is up for board games in the lounge after work on Thursday?',
];
const HARMFUL = [
  'What the f*ck happened to the staging build overnight?',
  'Hundreds died in the earthquake lol, at least our servers survived 😂',
  'Hurricane Delia sale! 40% off all rain gear, shop now #DeliaStrong',
  'CONFIDENTIAL: Q3 revenue will be $48M, do not forward.',
  'Call me at 212-555-0143 or write to jane.doe@gmail.com about the refund.',
  'Card 4111 1111 1111 1111 was declined again, can someone check?',
  'here is the staging key AKIAIOSFODNN7EXAMPLE and 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',
  'Runbook is at https://wiki.corp.example.com/ops/runbook and http://10.0.0.5/admin',
  'connect with postgres://admin:S3cr3tPass@db.prod.example.com:5432/orders',
  'Stop being such a sh1t about the code review, seriously.',
];

function post(): string {
  let text = '';
  const harmful = random() < 0.15;
  const target = 120 + Math.floor(random() * 380);
  while (text.length < target) {
    let sentence = pick(BENIGN);
    if (random() < 0.1) sentence = sentence.replace(/team|app|feature/, pick(terms));
    text += (text ? ' ' : '') + sentence;
  }
  if (harmful) text = `${pick(HARMFUL)} ${text}`;
  return text.length > 500 ? text.slice(0, 500) : text;
}

const posts: string[] = [];
let bytes = 0;
while (bytes < targetBytes) {
  const p = post();
  posts.push(p);
  bytes += Buffer.byteLength(p, 'utf8');
}

// Real posts reach the engine as flat strings (parsed from JSON or read from the database);
// the generator's concatenations leave rope strings that V8 flattens on first access, a cost
// that would fall on whichever matcher happens to run first. Flatten them all up front.
for (let i = 0; i < posts.length; i++) posts[i] = Buffer.from(posts[i] ?? '', 'utf8').toString('utf8');

interface Measure {
  name: string;
  seconds: number;
  p50: number;
  p99: number;
  p99Long: number;
}

/**
 * Times `run` over every post, twice. The machine is shared, and other processes pre-empt a
 * run now and then, for whole seconds at a time: a post's time is the faster of its two, and
 * the throughput is the number of posts over the sum of those times. Every matcher is measured
 * the same way.
 */
function measure(name: string, run: (text: string) => unknown): Measure {
  for (let i = 0; i < Math.min(posts.length, 5_000); i++) run(posts[i] ?? '');
  const times = new Float64Array(posts.length).fill(Infinity);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < posts.length; i++) {
      const text = posts[i] ?? '';
      const t0 = process.hrtime.bigint();
      run(text);
      const micros = Number(process.hrtime.bigint() - t0) / 1000;
      if (micros < (times[i] ?? Infinity)) times[i] = micros;
    }
  }
  let seconds = 0;
  for (const micros of times) seconds += micros / 1e6;
  const long = Float64Array.from(posts.flatMap((p, i) => (p.length >= 450 ? [times[i] ?? 0] : []))).sort();
  const sorted = Float64Array.from(times).sort();
  const pct = (values: ArrayLike<number>, q: number): number => values[Math.min(values.length - 1, Math.floor(values.length * q))] ?? 0;
  return { name, seconds, p50: pct(sorted, 0.5), p99: pct(sorted, 0.99), p99Long: pct(long, 0.99) };
}

const compileStart = performance.now();
const compiled = compilePolicy(policyDoc);
const compileMs = performance.now() - compileStart;
const plain = new PlainTermMatcher(terms);
const obscenity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

console.log(`corpus: ${posts.length} posts, ${(bytes / 1024 / 1024).toFixed(1)} MB, mean ${(bytes / posts.length).toFixed(0)} bytes/post, ${posts.filter((p) => p.length >= 450).length} posts of 450-500 chars`);
console.log(`policy: ${terms.length} organization terms; compilePolicy ${compileMs.toFixed(0)} ms, automaton ${compiled.index.stateCount} states`);

const results = [
  measure('screen (external)', (text) => screen(text, 'external', compiled)),
  measure('aho-corasick 10k terms', (text) => plain.match(text)),
  measure('obscenity RegExpMatcher', (text) => obscenity.getAllMatches(text)),
];
const mb = bytes / 1024 / 1024;
console.log('name                         posts/s      MB/s   p50 µs   p99 µs  p99 µs (450-500 chars)');
for (const r of results) {
  console.log(
    `${r.name.padEnd(26)} ${(posts.length / r.seconds).toFixed(0).padStart(9)} ${(mb / r.seconds).toFixed(2).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.p99Long.toFixed(1).padStart(8)}`,
  );
}
const [engine, ac, obs] = results as [Measure, Measure, Measure];
console.log(`engine / aho-corasick throughput: ${(ac.seconds / engine.seconds).toFixed(2)} (target >= 0.5)`);
console.log(`engine / obscenity throughput:    ${(obs.seconds / engine.seconds).toFixed(2)} (target >= 5)`);
console.log(`engine p99 per 450-500 char post: ${engine.p99Long.toFixed(1)} µs (target <= 200)`);
