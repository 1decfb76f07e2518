// The normaliser: maps a post to a canonical stream of symbols that the term automaton reads,
// folding case, diacritics, compatibility forms (fullwidth, mathematical letters), homoglyphs,
// zero-width characters, leetspeak, spaced-out letters and repeated letters — while keeping,
// for every symbol, the range of the original text it came from, so findings point at the
// author's own characters.
import homoglyphData from './data/homoglyphs.json' with { type: 'json' };

/** Symbols of the canonical alphabet. Letters are 1..26, digits 27..36. */
export const SYM_SEP = 0;
export const SYM_MASK = 37;
/** A letter of another script: part of a word but never part of a term. */
export const SYM_OTHER = 38;
/** A line break: no term, idiom or spaced-out word spans it. */
export const SYM_BREAK = 39;
export const ALPHABET_SIZE = 40;

const LETTER_A = 1;
const DIGIT_0 = 27;

export function isWordSymbol(sym: number): boolean {
  return sym >= 1 && sym <= SYM_OTHER;
}

export interface NormalisedText {
  /** Number of canonical symbols; the arrays below may be longer (they are reused). */
  length: number;
  symbols: Uint8Array;
  /** Original UTF-16 start of each symbol. */
  starts: Int32Array;
  /** Original UTF-16 end (exclusive) of each symbol. */
  ends: Int32Array;
  /** 1 where a word starts inside a token (camelCase hump, letter after digits): `#DeliaStrong`. */
  soft: Uint8Array;
}

// Item classes of the first pass, before leetspeak and collapsing are decided.
const C_LETTER = 1;
const C_DIGIT = 2;
const C_LEET = 3;
const C_SEP = 4;
const C_BREAK = 5;
const C_MASK = 6;
const C_OTHER = 7;

const LEET_DIGITS = 'oizeasgtbg'; // 0→o 1→i 2→z 3→e 4→a 5→s 6→g 7→t 8→b 9→g
const LEET_SYMBOLS: Record<string, string> = { '@': 'a', $: 's', '!': 'i', '|': 'i', '(': 'c' };

/** Letters whose doubling carries meaning in the word lists (ass, boob, feel, egg, ...). */
const KEEP_TWO = new Set(['b', 'e', 'o', 'l', 's', 'g'].map((c) => c.charCodeAt(0) - 96));

// ASCII fast path: class and payload per code unit.
const ASCII_CLASS = new Uint8Array(128);
const ASCII_SYM = new Uint8Array(128);
const ASCII_UPPER = new Uint8Array(128);
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

const HOMOGLYPHS = new Map<number, string>(
  Object.entries(homoglyphData.map as Record<string, string>).map(([k, v]) => [k.codePointAt(0) ?? 0, v]),
);

const ZERO_WIDTH = /^[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]$/u;
const COMBINING = /^\p{M}$/u;
const LETTER = /^\p{L}$/u;
const LINE_BREAK = /^[\u0085\u2028\u2029]$/u;

/** How a non-ASCII code point folds: classes and symbols of zero or more items. */
interface Fold {
  kind: 'skip' | 'mark' | 'items';
  classes: number[];
  syms: number[];
  upper: boolean;
}

const foldCache = new Map<number, Fold>();

function foldCodePoint(cp: number): Fold {
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

/** Scratch buffers reused across calls: screening is synchronous, so one set suffices. */
class Scratch {
  capacity = 0;
  cls = new Uint8Array(0);
  sym = new Uint8Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  upper = new Uint8Array(0);
  drop = new Uint8Array(0);

  ensure(size: number): void {
    if (size <= this.capacity) return;
    const capacity = Math.max(size, this.capacity * 2, 1024);
    this.cls = new Uint8Array(capacity);
    this.sym = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.upper = new Uint8Array(capacity);
    this.drop = new Uint8Array(capacity);
    this.capacity = capacity;
  }
}

const scratch = new Scratch();

export function createNormalisedBuffer(): NormalisedText {
  return { length: 0, symbols: new Uint8Array(0), starts: new Int32Array(0), ends: new Int32Array(0), soft: new Uint8Array(0) };
}

function ensureOutput(out: NormalisedText, size: number): void {
  if (out.symbols.length >= size) return;
  const capacity = Math.max(size, out.symbols.length * 2, 1024);
  out.symbols = new Uint8Array(capacity);
  out.starts = new Int32Array(capacity);
  out.ends = new Int32Array(capacity);
  out.soft = new Uint8Array(capacity);
}

/**
 * Normalises `text` into `out` (reused between calls to avoid allocation on the hot path).
 * Pass 1 classifies code points; pass 2 resolves leetspeak per token; pass 3 joins
 * spaced-out letters; pass 4 emits symbols, collapsing repeats.
 */
export function normalise(text: string, out: NormalisedText = createNormalisedBuffer()): NormalisedText {
  if (normaliseAsciiFast(text, out)) return out;
  return normaliseGeneral(text, out);
}

/**
 * The common case in one pass: plain ASCII with no leetspeak, no spaced-out letters. Returns
 * false, leaving `out` to be overwritten, as soon as the text needs the general path.
 */
function normaliseAsciiFast(text: string, out: NormalisedText): boolean {
  const n = text.length;
  ensureOutput(out, n + 1);
  const symbols = out.symbols;
  const starts = out.starts;
  const ends = out.ends;
  const soft = out.soft;
  let m = 0;
  let prev = -1;
  let run = 0;
  let prevClass = C_SEP;
  let prevUpper = 0;
  // Token state: letters, digits before any letter, length, and the separators before it.
  let tokenLetters = 0;
  let tokenLeadingDigits = 0;
  let tokenLen = 0;
  let tokenGap = 0;
  let sepCount = 2;
  let singles = 0;
  for (let i = 0; i <= n; i++) {
    const code = i < n ? text.charCodeAt(i) : 32;
    if (code >= 128) return false;
    let c = ASCII_CLASS[code] ?? C_SEP;
    if (c === C_LEET) {
      const before = i > 0 ? (ASCII_CLASS[text.charCodeAt(i - 1)] ?? C_SEP) : C_SEP;
      const after = i + 1 < n ? (ASCII_CLASS[text.charCodeAt(i + 1)] ?? C_SEP) : C_SEP;
      const symbol = ASCII_SYM[code];
      // Mirrors resolveLeet: `! | (` count only inside a word; `@` opening a word is a mention;
      // `$` touching anything is left to the general path. Next to a digit the general path's
      // token rules (units vs leet) could differ too, so it decides.
      const sepBefore = before === C_SEP || before === C_BREAK;
      const sepAfter = after === C_SEP || after === C_BREAK;
      const bail =
        symbol === 9 || symbol === 3
          ? isWordish(before) && isWordish(after)
          : symbol === 1
            ? !sepBefore
            : !sepBefore || !sepAfter;
      if (bail || before === C_DIGIT || after === C_DIGIT) return false;
      c = C_SEP;
    }
    if (c === C_SEP || c === C_BREAK) {
      if (tokenLen > 0) {
        if (tokenLetters > 0 && tokenLeadingDigits > 0 && !(tokenLetters <= 3 && tokenLeadingDigits + tokenLetters === tokenLen)) {
          return false;
        }
        if (tokenLen === 1 && tokenLetters === 1) {
          singles = singles > 0 && tokenGap === 1 ? singles + 1 : 1;
          if (singles >= 3) return false;
        } else singles = 0;
        tokenLetters = 0;
        tokenLeadingDigits = 0;
        tokenLen = 0;
        sepCount = 0;
      }
      if (c === C_BREAK) {
        singles = 0;
        sepCount = 2;
      } else sepCount++;
      if (i === n) break;
    } else {
      if (tokenLen === 0) tokenGap = sepCount;
      tokenLen++;
      if (c === C_LETTER) tokenLetters++;
      else if (c === C_DIGIT) {
        // A digit after a letter ("sh1t", "Q3") goes to the general path's leet rules.
        if (tokenLetters > 0) return false;
        tokenLeadingDigits++;
      }
    }
    const s = c === C_SEP ? SYM_SEP : (ASCII_SYM[code] ?? SYM_SEP);
    if (s === prev) {
      run++;
      const limit = s >= LETTER_A && s < DIGIT_0 ? (KEEP_TWO.has(s) ? 2 : 1) : s >= DIGIT_0 && s < SYM_MASK ? 1 << 30 : 1;
      if (run > limit) {
        ends[m - 1] = i + 1;
        prevClass = c;
        prevUpper = ASCII_UPPER[code] ?? 0;
        continue;
      }
    } else run = 1;
    if (s === SYM_BREAK && prev === SYM_SEP && m > 0) m--;
    else if (s === SYM_SEP && prev === SYM_BREAK) continue;
    const u = ASCII_UPPER[code] ?? 0;
    symbols[m] = s;
    starts[m] = i;
    ends[m] = i + 1;
    soft[m] = c === C_LETTER && ((u === 1 && prevUpper === 0 && prevClass === C_LETTER) || prevClass === C_DIGIT) ? 1 : 0;
    prevClass = c;
    prevUpper = u;
    prev = s;
    m++;
  }
  out.length = m;
  return true;
}

function isWordish(cls: number): boolean {
  return cls === C_LETTER || cls === C_DIGIT || cls === C_LEET;
}

/** The full pipeline for any text; `normalise` tries the ASCII fast path first. Exported for tests. */
export function normaliseGeneral(text: string, out: NormalisedText): NormalisedText {
  const n = text.length;
  scratch.ensure(n * 2 + 16);
  let { cls, sym, start, end, upper } = scratch;
  let count = 0;
  let needsLeet = false;
  let singles = 0;
  let maxSingles = 0;

  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      const c = ASCII_CLASS[code] ?? C_SEP;
      cls[count] = c;
      sym[count] = ASCII_SYM[code] ?? SYM_SEP;
      upper[count] = ASCII_UPPER[code] ?? 0;
      start[count] = i;
      end[count] = i + 1;
      count++;
      continue;
    }
    let cp = code;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const fold = cp >= 0xd800 && cp <= 0xdfff ? null : foldCodePoint(cp);
    if (fold === null) {
      cls[count] = C_SEP;
      sym[count] = SYM_SEP;
      upper[count] = 0;
      start[count] = i;
      end[count] = i + width;
      count++;
    } else if (fold.kind === 'mark') {
      // A combining mark belongs to the letter before it: widen that letter's range.
      if (count > 0) end[count - 1] = i + width;
    } else if (fold.kind === 'items') {
      if (count + fold.classes.length + 2 > scratch.capacity) {
        growScratch(count + fold.classes.length + n - i + 16);
        ({ cls, sym, start, end, upper } = scratch);
      }
      for (let k = 0; k < fold.classes.length; k++) {
        cls[count] = fold.classes[k] ?? C_SEP;
        sym[count] = fold.syms[k] ?? SYM_SEP;
        upper[count] = fold.upper ? 1 : 0;
        start[count] = i;
        end[count] = i + width;
        count++;
      }
    }
    i += width - 1;
  }

  // Cheap scan to decide whether the slower passes are needed at all.
  let tokenHasLetter = false;
  let tokenHasOther = false;
  let tokenLen = 0;
  for (let k = 0; k <= count; k++) {
    const c = k < count ? cls[k] : C_SEP;
    if (c === C_SEP || c === C_BREAK) {
      if (tokenHasLetter && tokenHasOther) needsLeet = true;
      if (tokenLen === 1 && tokenHasLetter && c === C_SEP) {
        singles++;
        if (singles > maxSingles) maxSingles = singles;
      } else if (tokenLen > 0 || c === C_BREAK) {
        singles = 0;
      }
      tokenHasLetter = false;
      tokenHasOther = false;
      tokenLen = 0;
    } else {
      tokenLen++;
      if (c === C_LETTER) tokenHasLetter = true;
      else if (c === C_DIGIT || c === C_LEET) tokenHasOther = true;
    }
  }
  if (needsLeet) resolveLeet(count);
  else for (let k = 0; k < count; k++) if (cls[k] === C_LEET) { cls[k] = C_SEP; sym[k] = SYM_SEP; }
  const drop = scratch.drop;
  drop.fill(0, 0, count);
  if (maxSingles >= 3) joinSpacedLetters(count);

  ensureOutput(out, count + 1);
  const symbols = out.symbols;
  const starts = out.starts;
  const ends = out.ends;
  const soft = out.soft;
  let m = 0;
  let prev = -1;
  let run = 0;
  let prevClass = C_SEP;
  let prevUpper = 0;
  for (let k = 0; k < count; k++) {
    if (drop[k] === 1) continue;
    const c = cls[k] ?? C_SEP;
    let s = sym[k] ?? SYM_SEP;
    if (c === C_SEP) s = SYM_SEP;
    if (s === prev) {
      run++;
      const isLetter = s >= LETTER_A && s < DIGIT_0;
      const limit = s === SYM_SEP || s === SYM_BREAK || s === SYM_MASK ? 1 : isLetter ? (KEEP_TWO.has(s) ? 2 : 1) : Infinity;
      if (run > limit) {
        ends[m - 1] = end[k] ?? 0;
        prevClass = c;
        prevUpper = upper[k] ?? 0;
        continue;
      }
    } else {
      run = 1;
    }
    if (s === SYM_BREAK && prev === SYM_SEP && m > 0) {
      // A separator followed by a line break is just a line break.
      m--;
    } else if (s === SYM_SEP && prev === SYM_BREAK) {
      prev = SYM_BREAK;
      continue;
    }
    symbols[m] = s;
    starts[m] = start[k] ?? 0;
    ends[m] = end[k] ?? 0;
    const u = upper[k] ?? 0;
    soft[m] =
      (c === C_LETTER && ((u === 1 && prevUpper === 0 && prevClass === C_LETTER) || prevClass === C_DIGIT)) ? 1 : 0;
    prevClass = c;
    prevUpper = u;
    prev = s;
    m++;
  }
  out.length = m;
  return out;
}

function growScratch(size: number): void {
  const old = { ...scratch, cls: scratch.cls, sym: scratch.sym, start: scratch.start, end: scratch.end, upper: scratch.upper };
  const oldCapacity = scratch.capacity;
  scratch.capacity = 0;
  scratch.ensure(Math.max(size, oldCapacity * 2));
  scratch.cls.set(old.cls.subarray(0, oldCapacity));
  scratch.sym.set(old.sym.subarray(0, oldCapacity));
  scratch.start.set(old.start.subarray(0, oldCapacity));
  scratch.end.set(old.end.subarray(0, oldCapacity));
  scratch.upper.set(old.upper.subarray(0, oldCapacity));
}

/**
 * Within a token that has letters, digits and symbols such as `$ @ !` stand for letters
 * (`sh1t`, `a$$`). Tokens without letters keep their digits (prices, years); `@` opening a
 * token is a mention, and a number followed by a short unit (`5pm`, `10th`, `4k`) is not leet.
 */
function resolveLeet(count: number): void {
  const { cls, sym } = scratch;
  const sepAt = (j: number): boolean => j < 0 || j >= count || cls[j] === C_SEP || cls[j] === C_BREAK;
  const wordishAt = (j: number): boolean => j >= 0 && j < count && isWordish(cls[j] ?? C_SEP);
  // First, symbols at the edge of a word are punctuation: `wow!`, `(see`, `@team`.
  for (let j = 0; j < count; j++) {
    if (cls[j] !== C_LEET) continue;
    const symbol = sym[j];
    const inWord =
      symbol === 9 || symbol === 3 ? wordishAt(j - 1) && wordishAt(j + 1) : symbol === 1 ? !sepAt(j - 1) : !sepAt(j - 1) || !sepAt(j + 1);
    if (!inWord) {
      cls[j] = C_SEP;
      sym[j] = SYM_SEP;
    }
  }
  let k = 0;
  while (k < count) {
    if (cls[k] === C_SEP || cls[k] === C_BREAK) {
      k++;
      continue;
    }
    let e = k;
    let letters = 0;
    let leadingDigits = 0;
    while (e < count && cls[e] !== C_SEP && cls[e] !== C_BREAK) {
      if (cls[e] === C_LETTER) letters++;
      else if (cls[e] === C_DIGIT && letters === 0 && leadingDigits === e - k) leadingDigits++;
      e++;
    }
    const unitSuffix = leadingDigits > 0 && letters <= 3 && leadingDigits + letters === e - k;
    const convert = letters > 0 && !unitSuffix;
    for (let j = k; j < e; j++) {
      const c = cls[j];
      if (c === C_DIGIT && convert) {
        cls[j] = C_LETTER;
        sym[j] = LEET_DIGITS.charCodeAt((sym[j] ?? DIGIT_0) - DIGIT_0) - 96;
      } else if (c === C_LEET) {
        if (convert) cls[j] = C_LETTER;
        else {
          cls[j] = C_SEP;
          sym[j] = SYM_SEP;
        }
      }
    }
    k = e;
  }
}

/** `f u c k`, `f.u.c.k`, `s-h-i-t`: three or more single letters, one separator apart, become a word. */
function joinSpacedLetters(count: number): void {
  const { cls, drop } = scratch;
  let k = 0;
  while (k < count) {
    // A single-letter token at k: letter, preceded by a separator (or start), followed by one separator.
    const isSingle = (j: number): boolean =>
      cls[j] === C_LETTER && (j === 0 || cls[j - 1] === C_SEP || cls[j - 1] === C_BREAK) && (j + 1 >= count || cls[j + 1] === C_SEP || cls[j + 1] === C_BREAK);
    if (!isSingle(k)) {
      k++;
      continue;
    }
    let j = k;
    let letters = 1;
    while (j + 2 < count && cls[j + 1] === C_SEP && isSingle(j + 2)) {
      j += 2;
      letters++;
    }
    if (letters >= 3) for (let s = k + 1; s < j; s += 2) drop[s] = 1;
    k = j + 1;
  }
}
