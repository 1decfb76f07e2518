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

/**
 * The automaton's tables in the form hot loops read them. `delta[row + symbol]` is the row of
 * the next state (a state's row is its number times the alphabet size, so no multiplication
 * is needed per symbol), negated when some pattern ends in that state: one read and one sign
 * test per symbol. States are numbered breadth-first, so the shallow states that ordinary
 * text keeps visiting share a few cache lines.
 */
export interface AutomatonTables {
  readonly alphabetSize: number;
  readonly delta: Int32Array;
  /** Per state number (row / alphabetSize): first index into `outputs`. */
  readonly outHead: Int32Array;
  /** Flattened output lists: pattern ids, each list terminated by -1. */
  readonly outputs: Int32Array;
  /** Pattern lengths, to turn an end position into a start. */
  readonly lengths: Int32Array;
}

export class AhoCorasick {
  readonly alphabetSize: number;
  readonly stateCount: number;
  readonly tables: AutomatonTables;

  private constructor(tables: AutomatonTables) {
    this.alphabetSize = tables.alphabetSize;
    this.tables = tables;
    this.stateCount = tables.outHead.length;
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

    // Breadth-first: failure links, dense transitions, inherited outputs; `order` is the BFS order.
    const delta = goto.subarray(0, stateCount * alphabetSize);
    const fail = new Int32Array(stateCount);
    const dictLink = new Int32Array(stateCount).fill(-1);
    const order = new Int32Array(stateCount);
    let head = 1;
    let tail = 1;
    for (let sym = 0; sym < alphabetSize; sym++) {
      const next = delta[sym] ?? -1;
      if (next === -1) delta[sym] = 0;
      else {
        fail[next] = 0;
        order[tail++] = next;
      }
    }
    while (head < tail) {
      const state = order[head++] ?? 0;
      const f = fail[state] ?? 0;
      dictLink[state] = (terminal[f]?.length ?? 0) > 0 ? f : (dictLink[f] ?? -1);
      const row = state * alphabetSize;
      const failRow = f * alphabetSize;
      for (let sym = 0; sym < alphabetSize; sym++) {
        const next = delta[row + sym] ?? -1;
        if (next === -1) delta[row + sym] = delta[failRow + sym] ?? 0;
        else {
          fail[next] = delta[failRow + sym] ?? 0;
          order[tail++] = next;
        }
      }
    }

    // Renumber in BFS order and flatten each state's output list (own patterns, then along
    // dictionary links, as before renumbering).
    const rank = new Int32Array(stateCount);
    for (let k = 0; k < stateCount; k++) rank[order[k] ?? 0] = k;
    const hasOutput = (state: number): boolean => (terminal[state]?.length ?? 0) > 0 || (dictLink[state] ?? -1) !== -1;
    const table = new Int32Array(stateCount * alphabetSize);
    const outHead = new Int32Array(stateCount).fill(-1);
    const flat: number[] = [];
    for (let k = 0; k < stateCount; k++) {
      const state = order[k] ?? 0;
      for (let sym = 0; sym < alphabetSize; sym++) {
        const next = delta[state * alphabetSize + sym] ?? 0;
        const nextRow = (rank[next] ?? 0) * alphabetSize;
        table[k * alphabetSize + sym] = hasOutput(next) ? -nextRow : nextRow;
      }
      let s = (terminal[state]?.length ?? 0) > 0 ? state : (dictLink[state] ?? -1);
      if (s === -1) continue;
      outHead[k] = flat.length;
      while (s !== -1) {
        for (const id of terminal[s] ?? []) flat.push(id);
        s = dictLink[s] ?? -1;
      }
      flat.push(-1);
    }
    return new AhoCorasick({ alphabetSize, delta: table, outHead, outputs: Int32Array.from(flat), lengths });
  }

  /** Calls `onMatch(pattern, start, end)` for every occurrence, in order of end position. */
  scan(symbols: ArrayLike<number>, length: number, onMatch: (pattern: number, start: number, end: number) => void): void {
    const { delta, outHead, outputs, lengths, alphabetSize } = this.tables;
    let row = 0;
    for (let i = 0; i < length; i++) {
      row = delta[row + (symbols[i] ?? 0)] ?? 0;
      if (row >= 0) continue;
      row = -row;
      let o = outHead[row / alphabetSize] ?? -1;
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
