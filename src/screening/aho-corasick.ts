// An Aho–Corasick automaton compiled to a dense transition table, so that matching any number
// of terms costs one array read per input symbol. Patterns and text are arrays of small
// integer symbols (see normalise.ts); a string front end is provided for plain lowercase text.

export interface AutomatonMatch {
  pattern: number;
  /** Index of the first symbol of the match. */
  start: number;
  /** Index one past the last symbol. */
  end: number;
}

export class AhoCorasick {
  readonly alphabetSize: number;
  readonly stateCount: number;
  private readonly delta: Int32Array;
  /** Per state: first index into outputs, or -1 when no pattern ends at this state or its suffixes. */
  private readonly outHead: Int32Array;
  /** Flattened output lists: pattern ids, each list terminated by -1. */
  private readonly outputs: Int32Array;
  private readonly lengths: Int32Array;

  private constructor(alphabetSize: number, delta: Int32Array, outHead: Int32Array, outputs: Int32Array, lengths: Int32Array) {
    this.alphabetSize = alphabetSize;
    this.delta = delta;
    this.outHead = outHead;
    this.outputs = outputs;
    this.lengths = lengths;
    this.stateCount = outHead.length;
  }

  /** Builds the automaton; pattern i is reported as `pattern: i`. Empty patterns are ignored. */
  static build(patterns: readonly ArrayLike<number>[], alphabetSize: number): AhoCorasick {
    // Trie with growable dense rows.
    let capacity = 1024;
    let goto = new Int32Array(capacity * alphabetSize).fill(-1);
    let stateCount = 1;
    const terminal: number[][] = [[]];
    const lengths = new Int32Array(patterns.length);
    patterns.forEach((pattern, id) => {
      lengths[id] = pattern.length;
      if (pattern.length === 0) return;
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const sym = pattern[i] ?? 0;
        if (sym < 0 || sym >= alphabetSize) throw new RangeError(`symbol ${sym} outside alphabet`);
        const slot = state * alphabetSize + sym;
        let next = goto[slot] ?? -1;
        if (next === -1) {
          if (stateCount === capacity) {
            capacity *= 2;
            const grown = new Int32Array(capacity * alphabetSize).fill(-1);
            grown.set(goto);
            goto = grown;
          }
          next = stateCount++;
          terminal.push([]);
          goto[slot] = next;
        }
        state = next;
      }
      terminal[state]?.push(id);
    });

    // Breadth-first: failure links, dense transitions, inherited outputs.
    const delta = goto.subarray(0, stateCount * alphabetSize);
    const fail = new Int32Array(stateCount);
    const dictLink = new Int32Array(stateCount).fill(-1);
    const queue = new Int32Array(stateCount);
    let head = 0;
    let tail = 0;
    for (let sym = 0; sym < alphabetSize; sym++) {
      const next = delta[sym] ?? -1;
      if (next === -1) delta[sym] = 0;
      else {
        fail[next] = 0;
        queue[tail++] = next;
      }
    }
    while (head < tail) {
      const state = queue[head++] ?? 0;
      const f = fail[state] ?? 0;
      dictLink[state] = (terminal[f]?.length ?? 0) > 0 ? f : (dictLink[f] ?? -1);
      const row = state * alphabetSize;
      const failRow = f * alphabetSize;
      for (let sym = 0; sym < alphabetSize; sym++) {
        const next = delta[row + sym] ?? -1;
        if (next === -1) delta[row + sym] = delta[failRow + sym] ?? 0;
        else {
          fail[next] = delta[failRow + sym] ?? 0;
          queue[tail++] = next;
        }
      }
    }

    // Flatten each state's output list (own patterns, then along dictionary links).
    const outHead = new Int32Array(stateCount).fill(-1);
    const flat: number[] = [];
    for (let state = 0; state < stateCount; state++) {
      let s = (terminal[state]?.length ?? 0) > 0 ? state : (dictLink[state] ?? -1);
      if (s === -1) continue;
      outHead[state] = flat.length;
      while (s !== -1) {
        for (const id of terminal[s] ?? []) flat.push(id);
        s = dictLink[s] ?? -1;
      }
      flat.push(-1);
    }
    return new AhoCorasick(alphabetSize, new Int32Array(delta), outHead, Int32Array.from(flat), lengths);
  }

  /** Calls `onMatch(pattern, start, end)` for every occurrence, in order of end position. */
  scan(symbols: ArrayLike<number>, length: number, onMatch: (pattern: number, start: number, end: number) => void): void {
    const delta = this.delta;
    const outHead = this.outHead;
    const outputs = this.outputs;
    const lengths = this.lengths;
    const size = this.alphabetSize;
    let state = 0;
    for (let i = 0; i < length; i++) {
      state = delta[state * size + (symbols[i] ?? 0)] ?? 0;
      let o = outHead[state] ?? -1;
      if (o === -1) continue;
      for (let id = outputs[o] ?? -1; id !== -1; id = outputs[++o] ?? -1) {
        onMatch(id, i + 1 - (lengths[id] ?? 0), i + 1);
      }
    }
  }

  /** Collects all matches; convenient outside hot paths. */
  findAll(symbols: ArrayLike<number>, length = symbols.length): AutomatonMatch[] {
    const matches: AutomatonMatch[] = [];
    this.scan(symbols, length, (pattern, start, end) => matches.push({ pattern, start, end }));
    return matches;
  }
}

// The plain-text front end: lowercase ASCII letters and digits, everything else a separator.
const PLAIN_ALPHABET = 38;
const PLAIN_SYMBOL = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  if (c >= 97 && c <= 122) PLAIN_SYMBOL[c] = c - 96;
  else if (c >= 65 && c <= 90) PLAIN_SYMBOL[c] = c - 64;
  else if (c >= 48 && c <= 57) PLAIN_SYMBOL[c] = 27 + c - 48;
}

function plainSymbols(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = PLAIN_SYMBOL[text.charCodeAt(i)] ?? 0;
  return out;
}

/**
 * Whole-word matching of plain terms over text, case-insensitive for ASCII: the baseline the
 * benchmark compares the engine with, and a convenience for small lists.
 */
export class PlainTermMatcher {
  private readonly automaton: AhoCorasick;
  private readonly terms: readonly string[];

  constructor(terms: readonly string[]) {
    this.terms = terms;
    this.automaton = AhoCorasick.build(terms.map(plainSymbols), PLAIN_ALPHABET);
  }

  /** Returns `[termIndex, start, end]` triples of whole-word matches. */
  match(text: string): Array<[number, number, number]> {
    const n = text.length;
    const symbols = plainSymbols(text);
    const found: Array<[number, number, number]> = [];
    this.automaton.scan(symbols, n, (pattern, start, end) => {
      const left = start === 0 || symbols[start - 1] === 0;
      const right = end === n || symbols[end] === 0;
      if (left && right) found.push([pattern, start, end]);
    });
    return found;
  }

  term(index: number): string {
    return this.terms[index] ?? '';
  }
}
