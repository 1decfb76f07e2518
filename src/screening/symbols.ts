// The canonical alphabet that the normaliser produces and the term automaton reads, the
// character classes of its passes, and how each character folds (case, diacritics,
// compatibility forms, homoglyphs, zero-width and combining characters). Shared by the
// one-pass normaliser (normalise.ts) and its multi-pass reference (normalise-general.ts).
import homoglyphData from './data/homoglyphs.json' with { type: 'json' };

/** Symbols of the canonical alphabet. Letters are 1..26, digits 27..36. */
export const SYM_SEP = 0;
export const SYM_MASK = 37;
/** A letter of another script: part of a word but never part of a term. */
export const SYM_OTHER = 38;
/** A line break: no term, idiom or spaced-out word spans it. */
export const SYM_BREAK = 39;
export const ALPHABET_SIZE = 40;

export const LETTER_A = 1;
export const DIGIT_0 = 27;

/**
 * The code unit at `i`, or -1 outside the text. Reading past either end would be NaN, and the
 * first such read costs a deoptimization of the hot loop that made it.
 */
export function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

export function isWordSymbol(sym: number): boolean {
  return sym >= 1 && sym <= SYM_OTHER;
}

export interface NormalisedText {
  /** Number of canonical symbols; the arrays below may be longer (they are reused). */
  length: number;
  symbols: Uint8Array;
  /** Original UTF-16 start of each symbol. */
  starts: Int32Array;
  /** Original UTF-16 end (exclusive) of each symbol; read it with symbolEnd. */
  ends: Int32Array;
  /** 1 where a word starts inside a token (camelCase hump, letter after digits): `#DeliaStrong`; read it with symbolSoft. */
  soft: Uint8Array;
  /**
   * The scanning path stores an end only where it is not start + 1 (marking it with the pass
   * number `pass` in `endPass`), and a soft start only where it cannot be read off the text
   * (`pass` or `-pass` in `softPass`): stores for every symbol were a third of its cost.
   * `normalise()` fills `ends` and `soft` in full.
   */
  pass: number;
  endPass: Int32Array;
  softPass: Int32Array;
}

export function createNormalisedBuffer(): NormalisedText {
  return {
    length: 0,
    symbols: new Uint8Array(0),
    starts: new Int32Array(0),
    ends: new Int32Array(0),
    soft: new Uint8Array(0),
    pass: 0,
    endPass: new Int32Array(0),
    softPass: new Int32Array(0),
  };
}

/** Original UTF-16 end (exclusive) of symbol k. */
export function symbolEnd(norm: NormalisedText, k: number): number {
  return norm.endPass[k] === norm.pass ? (norm.ends[k] ?? 0) : (norm.starts[k] ?? 0) + 1;
}

/**
 * Whether a word starts softly at symbol k (camelCase hump, letter after digits). Unless
 * stored, the symbol is an ASCII letter that followed another in the text, or a separator:
 * a hump is then an upper-case letter after a lower-case one.
 */
export function symbolSoft(norm: NormalisedText, text: string, k: number): boolean {
  const stored = norm.softPass[k];
  if (stored === norm.pass) return true;
  if (stored === -norm.pass) return false;
  const at = norm.starts[k] ?? 0;
  const c = codeAt(text, at);
  const before = codeAt(text, at - 1);
  return c >= 65 && c <= 90 && before >= 97 && before <= 122;
}

/** Starts a new pass over `norm`, so that the marks of earlier passes no longer count. */
export function nextPass(norm: NormalisedText): number {
  if (norm.pass >= 0x3fffffff) {
    norm.endPass.fill(0);
    norm.softPass.fill(0);
    norm.pass = 0;
  }
  return ++norm.pass;
}

/** Makes every end and soft start of the first `length` symbols explicit for the current pass. */
export function markAllExplicit(norm: NormalisedText): void {
  const pass = nextPass(norm);
  for (let k = 0; k < norm.length; k++) {
    norm.endPass[k] = pass;
    norm.softPass[k] = norm.soft[k] === 1 ? pass : -pass;
  }
}

/** Makes room for `size` symbols; keeps the first `keep` (when growing in the middle of a pass). */
export function ensureOutput(out: NormalisedText, size: number, keep = 0): void {
  if (out.symbols.length >= size) return;
  const capacity = Math.max(size, out.symbols.length * 2, 1024);
  const { symbols, starts, ends, soft, endPass, softPass } = out;
  out.symbols = new Uint8Array(capacity);
  out.starts = new Int32Array(capacity);
  out.ends = new Int32Array(capacity);
  out.soft = new Uint8Array(capacity);
  out.endPass = new Int32Array(capacity);
  out.softPass = new Int32Array(capacity);
  if (keep > 0) {
    out.symbols.set(symbols.subarray(0, keep));
    out.starts.set(starts.subarray(0, keep));
    out.ends.set(ends.subarray(0, keep));
    out.soft.set(soft.subarray(0, keep));
    out.endPass.set(endPass.subarray(0, keep));
    out.softPass.set(softPass.subarray(0, keep));
  }
}

// Item classes, before leetspeak and collapsing are decided. Separators sort last so that
// "ends a token" is one comparison (`cls >= C_SEP`).
export const C_LETTER = 1;
export const C_DIGIT = 2;
export const C_LEET = 3;
export const C_MASK = 4;
export const C_OTHER = 5;
export const C_SEP = 6;
export const C_BREAK = 7;

export const LEET_DIGITS = 'oizeasgtbg'; // 0→o 1→i 2→z 3→e 4→a 5→s 6→g 7→t 8→b 9→g
const LEET_SYMBOLS: Record<string, string> = { '@': 'a', $: 's', '!': 'i', '|': 'i', '(': 'c' };

/** The letter symbol each digit symbol stands for inside a leetspeak word, indexed by digit. */
export const LEET_DIGIT_SYM = Uint8Array.from(LEET_DIGITS, (ch) => ch.charCodeAt(0) - 96);

/**
 * How many repeats of a symbol survive collapsing: letters whose doubling carries meaning in
 * the word lists (ass, boob, feel, egg, ...) keep two, other letters, separators, breaks and
 * masks one; digits and letters of other scripts are never collapsed.
 */
export const REPEAT_LIMIT = new Int32Array(ALPHABET_SIZE).fill(1);
for (let s = DIGIT_0; s < SYM_MASK; s++) REPEAT_LIMIT[s] = 1 << 30;
REPEAT_LIMIT[SYM_OTHER] = 1 << 30;
for (const ch of 'beolsg') REPEAT_LIMIT[ch.charCodeAt(0) - 96] = 2;

// ASCII: class and payload per code unit.
export const ASCII_CLASS = new Uint8Array(128);
export const ASCII_SYM = new Uint8Array(128);
export const ASCII_UPPER = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (ch >= 'a' && ch <= 'z') {
    ASCII_CLASS[c] = C_LETTER;
    ASCII_SYM[c] = c - 96;
  } else if (ch >= 'A' && ch <= 'Z') {
    ASCII_CLASS[c] = C_LETTER;
    ASCII_SYM[c] = c - 64;
    ASCII_UPPER[c] = 1;
  } else if (ch >= '0' && ch <= '9') {
    ASCII_CLASS[c] = C_DIGIT;
    ASCII_SYM[c] = DIGIT_0 + c - 48;
  } else if (ch in LEET_SYMBOLS) {
    ASCII_CLASS[c] = C_LEET;
    ASCII_SYM[c] = (LEET_SYMBOLS[ch] ?? 'a').charCodeAt(0) - 96;
  } else if (ch === '*') {
    ASCII_CLASS[c] = C_MASK;
    ASCII_SYM[c] = SYM_MASK;
  } else if (ch === '\n' || ch === '\r' || ch === '\v' || ch === '\f') {
    ASCII_CLASS[c] = C_BREAK;
    ASCII_SYM[c] = SYM_BREAK;
  } else {
    ASCII_CLASS[c] = C_SEP;
    ASCII_SYM[c] = SYM_SEP;
  }
}

export function isWordish(cls: number): boolean {
  return cls === C_LETTER || cls === C_DIGIT || cls === C_LEET;
}

const HOMOGLYPHS = new Map<number, string>(
  Object.entries(homoglyphData.map as Record<string, string>).map(([k, v]) => [k.codePointAt(0) ?? 0, v]),
);

const ZERO_WIDTH = /^[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]$/u;
const COMBINING = /^\p{M}$/u;
const LETTER = /^\p{L}$/u;
const LINE_BREAK = /^[\u0085\u2028\u2029]$/u;

/** How a non-ASCII code point folds: classes and symbols of zero or more items. */
export interface Fold {
  kind: 'skip' | 'mark' | 'items';
  classes: number[];
  syms: number[];
  upper: boolean;
}

const foldCache = new Map<number, Fold>();

export function foldCodePoint(cp: number): Fold {
  const cached = foldCache.get(cp);
  if (cached) return cached;
  const fold = computeFold(cp);
  if (foldCache.size < 50_000) foldCache.set(cp, fold);
  return fold;
}

function computeFold(cp: number): Fold {
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH.test(ch)) return { kind: 'skip', classes: [], syms: [], upper: false };
  if (COMBINING.test(ch)) return { kind: 'mark', classes: [], syms: [], upper: false };
  if (LINE_BREAK.test(ch)) return { kind: 'items', classes: [C_BREAK], syms: [SYM_BREAK], upper: false };
  const upper = ch !== ch.toLowerCase();
  let folded = HOMOGLYPHS.get(cp);
  if (folded === undefined) {
    const decomposed = ch.normalize('NFKD');
    folded = '';
    for (const part of decomposed) {
      if (COMBINING.test(part)) continue;
      const mapped = HOMOGLYPHS.get(part.codePointAt(0) ?? 0);
      folded += mapped ?? part;
    }
  }
  const classes: number[] = [];
  const syms: number[] = [];
  for (const part of folded) {
    const code = part.codePointAt(0) ?? 0;
    if (code < 128) {
      const cls = ASCII_CLASS[code] ?? C_SEP;
      // A folded symbol such as a fullwidth '!' is punctuation, not leetspeak.
      classes.push(cls === C_LEET ? C_SEP : cls);
      syms.push(cls === C_LEET ? SYM_SEP : (ASCII_SYM[code] ?? SYM_SEP));
    } else if (LETTER.test(part)) {
      classes.push(C_OTHER);
      syms.push(SYM_OTHER);
    } else {
      classes.push(C_SEP);
      syms.push(SYM_SEP);
    }
  }
  if (classes.length === 0) return { kind: 'skip', classes, syms, upper };
  return { kind: 'items', classes, syms, upper };
}

/**
 * Facts about a post's characters that detectors test before doing any real work: which
 * ASCII punctuation occurs, whether there are ASCII digits, and whether six of them stand close
 * together (`\d(?:\D{0,3}\d){5}`, what every number-shaped detector needs).
 */
export const FACT_DIGIT = 1;
export const FACT_AT = 2;
export const FACT_COLON = 4;
export const FACT_DOT = 8;
export const FACT_SLASH = 16;
export const FACT_DASH = 32;
export const FACT_DIGITS_CLOSE = 64;
/** A '.' between an ASCII letter or digit and an ASCII letter (`example.com`): bare host names have one. */
export const FACT_DOT_WORD = 128;

function isAsciiAlnum(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** '://' occurs. */
export const FACT_SCHEME = 256;
/** 'go/' occurs. */
export const FACT_GO_SLASH = 512;
/** '-----BEGIN' occurs. */
export const FACT_KEY_BLOCK = 1024;

/** The facts that the punctuation at `at` (`. : / -`, given as `code`) and its neighbours make. */
export function punctuationFact(text: string, at: number, code: number): number {
  if (code === 46) {
    const after = codeAt(text, at + 1);
    return ((after >= 97 && after <= 122) || (after >= 65 && after <= 90)) && isAsciiAlnum(codeAt(text, at - 1)) ? FACT_DOT_WORD : 0;
  }
  if (code === 58) return codeAt(text, at + 1) === 47 && codeAt(text, at + 2) === 47 ? FACT_SCHEME : 0;
  if (code === 47) return codeAt(text, at - 1) === 111 && codeAt(text, at - 2) === 103 ? FACT_GO_SLASH : 0;
  if (code === 45) return text.startsWith('-----BEGIN', at) ? FACT_KEY_BLOCK : 0;
  return 0;
}

/** The punctuation whose neighbours punctuationFact looks at. */
export function looksAround(code: number): boolean {
  return code === 46 || code === 58 || code === 47 || code === 45;
}

export const ASCII_FACT = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_FACT[c] = FACT_DIGIT;
ASCII_FACT[64] = FACT_AT;
ASCII_FACT[58] = FACT_COLON;
ASCII_FACT[46] = FACT_DOT;
ASCII_FACT[47] = FACT_SLASH;
ASCII_FACT[45] = FACT_DASH;

/**
 * Where the runs of ASCII digits of a post start, so that number detectors look at them
 * rather than at every character. `count` is -1 when there were too many to list.
 */
export class DigitRuns {
  starts = new Int32Array(32);
  count = 0;

  add(at: number): void {
    if (this.count < 0) return;
    if (this.count === this.starts.length) this.count = -1;
    else this.starts[this.count++] = at;
  }
}

/** The facts of `text` in a loop of their own (the one-pass normaliser gathers them as it goes). */
export function textFacts(text: string, runs?: DigitRuns): number {
  let facts = 0;
  let lastDigit = -100;
  let chain = 0;
  if (runs) runs.count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) continue;
    facts |= ASCII_FACT[code] ?? 0;
    if (looksAround(code)) facts |= punctuationFact(text, i, code);
    if (code >= 48 && code <= 57) {
      if (lastDigit !== i - 1) runs?.add(i);
      chain = i - lastDigit <= 4 ? chain + 1 : 1;
      lastDigit = i;
      if (chain >= 6) facts |= FACT_DIGITS_CLOSE;
    }
  }
  return facts;
}
