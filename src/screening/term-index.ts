// The term index: every word list the engine matches (offensive words and their whitelists,
// sensitive topics and idioms, confidentiality markers, financial vocabulary, and the
// organization's codenames, blocked, allowed and crisis terms) compiled into ONE Aho–Corasick
// automaton over normalised symbols, so a post is read once whatever the number of terms.
import { AhoCorasick, type AutomatonTables } from './aho-corasick.js';
import { AutomatonWalk, normalise, normaliseAndWalk } from './normalise.js';
import { ALPHABET_SIZE, SYM_BREAK, SYM_SEP, createNormalisedBuffer, isWordSymbol, symbolSoft, type DigitRuns, type NormalisedText } from './symbols.js';

/** Which list a term came from; detectors read the hits of their groups. */
export const Group = {
  Offensive: 0,
  OffensiveAllow: 1,
  Sensitive: 2,
  SensitiveIdiom: 3,
  PeopleCue: 4,
  Marker: 5,
  MarkerIdiom: 6,
  FinanceTerm: 7,
  FinanceDirect: 8,
  ForwardCue: 9,
  PublicCue: 10,
  PastCue: 11,
  DobCue: 12,
  Codename: 13,
  Blocked: 14,
  Allowed: 15,
  Crisis: 16,
  Headcount: 17,
  SecretHint: 18,
  /** Words whose absence lets the link detector skip a substring search (`localhost`). */
  LinkHint: 19,
  /** Stems of the verbs of job cuts (`cut`, `lay`, `reduc`…), anywhere in a word: a gate for that pattern. */
  CutVerb: 20,
} as const;
export type Group = (typeof Group)[keyof typeof Group];
export const GROUP_COUNT = 21;

/** Boundary required at a term's edge: none, a hard word boundary, or also a camelCase hump. */
export const Edge = { None: 0, Word: 1, Soft: 2 } as const;
export type Edge = (typeof Edge)[keyof typeof Edge];

export interface TermSpec {
  group: Group;
  /** Index into the group's own table (which phrase, which topic, which policy term). */
  ref: number;
  left: Edge;
  right: Edge;
}

export interface Hit {
  group: Group;
  ref: number;
  /** Symbol offsets in the normalised text, end exclusive. */
  start: number;
  end: number;
}

/**
 * Hits of one post, bucketed by group. Buckets and hit objects are reused between posts, so a
 * hit is only valid until the next post is scanned.
 */
export class TermHits {
  readonly byGroup: Hit[][] = Array.from({ length: GROUP_COUNT }, () => []);
  any = 0;
  /** Bit g set when group g's bucket is not empty. */
  private used = 0;
  private readonly pool: Hit[] = [];

  reset(): void {
    if (this.any === 0) return;
    for (let g = 0, mask = this.used; mask !== 0; g++, mask >>>= 1) {
      const bucket = this.byGroup[g];
      if ((mask & 1) !== 0 && bucket) bucket.length = 0;
    }
    this.used = 0;
    this.any = 0;
  }

  add(group: Group, ref: number, start: number, end: number): void {
    let hit = this.pool[this.any];
    if (hit === undefined) {
      hit = { group, ref, start, end };
      this.pool.push(hit);
    } else {
      hit.group = group;
      hit.ref = ref;
      hit.start = start;
      hit.end = end;
    }
    this.byGroup[group]?.push(hit);
    this.used |= 1 << group;
    this.any++;
  }

  get(group: Group): Hit[] {
    return this.byGroup[group] ?? [];
  }
}

export class TermIndexBuilder {
  private readonly keyToPattern = new Map<string, number>();
  private readonly patterns: Uint8Array[] = [];
  private readonly specs: TermSpec[][] = [];
  private readonly scratch: NormalisedText = createNormalisedBuffer();

  /** Normalises `text` like a post and adds it; returns false when nothing matchable is left. */
  addText(text: string, spec: TermSpec): boolean {
    const norm = normalise(text, this.scratch);
    let start = 0;
    let end = norm.length;
    while (start < end && !isWordSymbol(norm.symbols[start] ?? 0)) start++;
    while (end > start && !isWordSymbol(norm.symbols[end - 1] ?? 0)) end--;
    if (start === end) return false;
    const symbols = norm.symbols.slice(start, end);
    for (let i = 0; i < symbols.length; i++) if (symbols[i] === SYM_BREAK) symbols[i] = SYM_SEP;
    this.addSymbols(symbols, spec);
    return true;
  }

  addSymbols(symbols: Uint8Array, spec: TermSpec): void {
    const key = symbols.join(',');
    let id = this.keyToPattern.get(key);
    if (id === undefined) {
      id = this.patterns.length;
      this.keyToPattern.set(key, id);
      this.patterns.push(symbols);
      this.specs.push([]);
    }
    const list = this.specs[id];
    if (list && !list.some((s) => s.group === spec.group && s.ref === spec.ref && s.left === spec.left && s.right === spec.right)) {
      list.push(spec);
    }
  }

  build(): TermIndex {
    return new TermIndex(AhoCorasick.build(this.patterns, ALPHABET_SIZE), this.specs);
  }
}

export class TermIndex {
  private readonly tables: AutomatonTables;
  private readonly walk = new AutomatonWalk();
  readonly stateCount: number;
  // Term specs flattened per pattern: pattern p owns entries specStart[p] .. specStart[p + 1].
  private readonly specStart: Int32Array;
  private readonly specGroup: Uint8Array;
  private readonly specRef: Int32Array;
  private readonly specLeft: Uint8Array;
  private readonly specRight: Uint8Array;

  constructor(automaton: AhoCorasick, specs: TermSpec[][]) {
    this.tables = automaton.tables;
    this.stateCount = automaton.stateCount;
    const total = specs.reduce((sum, list) => sum + list.length, 0);
    this.specStart = new Int32Array(specs.length + 1);
    this.specGroup = new Uint8Array(total);
    this.specRef = new Int32Array(total);
    this.specLeft = new Uint8Array(total);
    this.specRight = new Uint8Array(total);
    let k = 0;
    specs.forEach((list, pattern) => {
      this.specStart[pattern] = k;
      for (const spec of list) {
        this.specGroup[k] = spec.group;
        this.specRef[k] = spec.ref;
        this.specLeft[k] = spec.left;
        this.specRight[k] = spec.right;
        k++;
      }
    });
    this.specStart[specs.length] = k;
  }

  /**
   * Normalises a post into `norm` and files every hit whose boundaries hold: the whole read of
   * a post. Returns the post's character facts (FACT_* in symbols.ts).
   */
  scanText(text: string, norm: NormalisedText, hits: TermHits): number {
    normaliseAndWalk(text, norm, this.tables, this.walk);
    this.fileHits(text, norm, hits);
    return this.walk.facts;
  }

  /** Where the digit runs of the post last read by scanText start. */
  get digitRuns(): DigitRuns {
    return this.walk.digitRuns;
  }

  /** Turns the walk's term ends into hits, in order of end position, checking word boundaries. */
  private fileHits(text: string, norm: NormalisedText, hits: TermHits): void {
    hits.reset();
    const { ends: found, count } = this.walk;
    if (count === 0) return;
    const { symbols, length } = norm;
    const { outHead, outputs, lengths, alphabetSize } = this.tables;
    const { specStart, specGroup, specRef, specLeft, specRight } = this;
    for (let k = 0; k < count * 2; k += 2) {
      const end = found[k] ?? 0;
      let o = outHead[((found[k + 1] ?? 0) / alphabetSize) | 0] ?? -1;
      const hardRight = end === length || !isWordSymbol(symbols[end] ?? 0);
      const softRight = !hardRight && symbolSoft(norm, text, end);
      for (let pattern = outputs[o] ?? -1; pattern !== -1; pattern = outputs[++o] ?? -1) {
        const start = end - (lengths[pattern] ?? 0);
        const hardLeft = start === 0 || !isWordSymbol(symbols[start - 1] ?? 0);
        const softLeft = !hardLeft && symbolSoft(norm, text, start);
        for (let e = specStart[pattern] ?? 0, last = specStart[pattern + 1] ?? 0; e < last; e++) {
          const left = specLeft[e] ?? Edge.None;
          if (left !== Edge.None && !hardLeft && !(left === Edge.Soft && softLeft)) continue;
          const right = specRight[e] ?? Edge.None;
          if (right !== Edge.None && !hardRight && !(right === Edge.Soft && softRight)) continue;
          hits.add((specGroup[e] ?? 0) as Group, specRef[e] ?? 0, start, end);
        }
      }
    }
  }
}

/** True when [start, end) lies inside one of `covers`. */
export function coveredBy(start: number, end: number, covers: readonly Hit[]): boolean {
  for (const c of covers) if (c.start <= start && c.end >= end) return true;
  return false;
}

/**
 * Adds a phrase from a word list: a trailing `*` lifts the right word boundary
 * (`earthquake*` also matches `earthquakes`).
 */
export function addListTerm(builder: TermIndexBuilder, term: string, group: Group, ref: number, edge: Edge = Edge.Word): void {
  const open = term.endsWith('*');
  const text = open ? term.slice(0, -1) : term;
  builder.addText(text, { group, ref, left: edge, right: open ? Edge.None : edge });
}
