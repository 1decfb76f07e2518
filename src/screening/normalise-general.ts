// The reference normaliser: the same mapping as the one-pass normaliser in normalise.ts,
// written as separate passes over an item array (classify, resolve leetspeak per token, join
// spaced-out letters, emit and collapse). Posts take it only when letters are spaced out
// (`f u c k`); property tests check that both always agree.
import {
  ASCII_CLASS,
  ASCII_SYM,
  ASCII_UPPER,
  C_BREAK,
  C_DIGIT,
  C_LEET,
  C_LETTER,
  C_SEP,
  DIGIT_0,
  LEET_DIGITS,
  LETTER_A,
  SYM_BREAK,
  SYM_MASK,
  SYM_SEP,
  ensureOutput,
  foldCodePoint,
  isWordish,
  type NormalisedText,
} from './symbols.js';

/** Letters whose doubling carries meaning in the word lists (ass, boob, feel, egg, ...). */
const KEEP_TWO = new Set(['b', 'e', 'o', 'l', 's', 'g'].map((c) => c.charCodeAt(0) - 96));

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
