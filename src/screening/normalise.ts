// The normaliser: maps a post to a canonical stream of symbols that the term automaton reads,
// folding case, diacritics, compatibility forms (fullwidth, mathematical letters), homoglyphs,
// zero-width characters, leetspeak, spaced-out letters and repeated letters — while keeping,
// for every symbol, the range of the original text it came from, so findings point at the
// author's own characters.
//
// It is one pass that also walks the term automaton: each symbol is classified, collapsed,
// stored and fed to the automaton as it is produced, and the states where some term ends are
// queued for the term index. Leetspeak is decided per token (`sh1t` but `5pm`), so a token
// whose reading changes once its end is seen (a digit after letters, `$` or `@` inside a
// word) is read again from its start with the decision known; the automaton state is rolled
// back with it. Spaced-out letters (`f u c k`) send the post to the multi-pass reference in
// normalise-general.ts, which this pass must always agree with (normalise.test.ts checks it).
import type { AutomatonTables } from './aho-corasick.js';
import { normaliseGeneral } from './normalise-general.js';
import {
  ALPHABET_SIZE,
  ASCII_CLASS,
  ASCII_SYM,
  ASCII_UPPER,
  C_BREAK,
  C_DIGIT,
  C_LEET,
  C_LETTER,
  C_SEP,
  ASCII_FACT,
  DIGIT_0,
  FACT_DIGITS_CLOSE,
  looksAround,
  punctuationFact,
  LEET_DIGIT_SYM,
  REPEAT_LIMIT,
  SYM_BREAK,
  SYM_SEP,
  createNormalisedBuffer,
  ensureOutput,
  foldCodePoint,
  markAllExplicit,
  nextPass,
  symbolEnd,
  symbolSoft,
  isWordish,
  textFacts,
  DigitRuns,
  type Fold,
  type NormalisedText,
} from './symbols.js';

export {
  ALPHABET_SIZE,
  SYM_BREAK,
  SYM_MASK,
  SYM_OTHER,
  SYM_SEP,
  createNormalisedBuffer,
  isWordSymbol,
  symbolEnd,
  symbolSoft,
  type NormalisedText,
} from './symbols.js';
export { normaliseGeneral } from './normalise-general.js';

/**
 * For each UTF-16 code unit, what the tight loop needs: 0 when the general path must read it;
 * for an ASCII letter its symbol, plus 64 when upper case; for an ASCII separator FAST_SEP
 * plus its character facts shifted by FACT_SHIFT.
 */
const FAST_ITEM = new Uint16Array(65536);
const FAST_SEP = 128;
/** On a separator: punctuationFact must look at its neighbours. */
const FAST_LOOK = 64;
const FACT_SHIFT = 8;
for (let code = 0; code < 128; code++) {
  if (ASCII_CLASS[code] === C_LETTER) FAST_ITEM[code] = (ASCII_SYM[code] ?? 0) | ((ASCII_UPPER[code] ?? 0) << 6);
  else if (ASCII_CLASS[code] === C_SEP) FAST_ITEM[code] = FAST_SEP | (looksAround(code) ? FAST_LOOK : 0) | ((ASCII_FACT[code] ?? 0) << FACT_SHIFT);
}

/** Pseudo-class of the end of the text: ends the last token like a separator. */
const C_END = 8;

/**
 * What a read of a post leaves besides its symbols: where the automaton saw a term end, as
 * pairs of (symbol index one past the end, row of the state), and the post's character facts
 * (FACT_* in symbols.ts). Reused between posts.
 */
export class AutomatonWalk {
  ends = new Int32Array(2048);
  count = 0;
  facts = 0;
  readonly digitRuns = new DigitRuns();

  ensure(pairs: number): void {
    if (this.ends.length >= pairs * 2) return;
    const grown = new Int32Array(Math.max(pairs * 2, this.ends.length * 2));
    grown.set(this.ends.subarray(0, this.count * 2));
    this.ends = grown;
  }
}

/** An automaton with no terms, for normalising without matching. */
const NO_TERMS: AutomatonTables = {
  alphabetSize: ALPHABET_SIZE,
  delta: new Int32Array(ALPHABET_SIZE),
  outHead: new Int32Array(1).fill(-1),
  outputs: new Int32Array(0),
  lengths: new Int32Array(0),
};
const scratchWalk = new AutomatonWalk();

/** Normalises `text` into `out` (reused between calls), with every end and soft start filled in. */
export function normalise(text: string, out: NormalisedText = createNormalisedBuffer()): NormalisedText {
  if (onePass(text, out, NO_TERMS, scratchWalk)) {
    for (let k = 0; k < out.length; k++) {
      out.ends[k] = symbolEnd(out, k);
      out.soft[k] = symbolSoft(out, text, k) ? 1 : 0;
      out.softPass[k] = out.soft[k] === 1 ? out.pass : -out.pass;
    }
  } else {
    normaliseGeneral(text, out);
    markAllExplicit(out);
  }
  return out;
}

/**
 * Normalises `text` into `out` and records in `walk` where the automaton's terms end. Ends
 * and soft starts are left implicit: read them with symbolEnd and symbolSoft.
 */
export function normaliseAndWalk(text: string, out: NormalisedText, tables: AutomatonTables, walk: AutomatonWalk): void {
  if (onePass(text, out, tables, walk)) return;
  normaliseGeneral(text, out);
  markAllExplicit(out);
  walkSymbols(out, tables, walk);
  walk.facts = textFacts(text, walk.digitRuns);
}

/** Feeds already normalised symbols to the automaton. */
export function walkSymbols(norm: NormalisedText, tables: AutomatonTables, walk: AutomatonWalk): void {
  const { symbols, length } = norm;
  walk.ensure(length + 1);
  const ends = walk.ends;
  const delta = tables.delta;
  let count = 0;
  let row = 0;
  for (let k = 0; k < length; k++) {
    const next = delta[row + (symbols[k] ?? 0)] ?? 0;
    if (next >= 0) row = next;
    else {
      row = -next;
      ends[count++] = k + 1;
      ends[count++] = row;
    }
  }
  walk.count = count >> 1;
}

/** The class of the next item at or after `i` before leetspeak is resolved (end of text: a separator). */
function classAt(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code < 128) return ASCII_CLASS[code] ?? C_SEP;
    const cp = text.codePointAt(i) ?? code;
    if (cp >= 0xd800 && cp <= 0xdfff) return C_SEP;
    const fold = foldCodePoint(cp);
    if (fold.kind === 'items') return fold.classes[0] ?? C_SEP;
    i += cp > 0xffff ? 2 : 1;
  }
  return C_SEP;
}

/**
 * The one-pass normaliser (see the header). Returns false, leaving `out` and `walk` to be
 * overwritten, when the post needs the reference path.
 *
 * Items: one per ASCII code unit, zero or more per other code point (its fold). Three views
 * of the item stream are tracked at once:
 * - the original classes, for the spaced-letter test (three single letters → reference path);
 * - the classes after `! | ( @ $` at a word's edge become separators, which delimit the
 *   tokens whose leetspeak is decided as a whole;
 * - the final classes, which are emitted, collapsed and fed to the automaton.
 * ASCII letters and separators, nearly all of a post, take a tight loop of their own.
 */
function onePass(text: string, out: NormalisedText, tables: AutomatonTables, walk: AutomatonWalk): boolean {
  const n = text.length;
  ensureOutput(out, n + 1);
  let symbols = out.symbols;
  let starts = out.starts;
  let ends = out.ends;
  let endPass = out.endPass;
  let softPass = out.softPass;
  const pass = nextPass(out);
  walk.ensure(out.symbols.length);
  let pending = walk.ends;
  const delta = tables.delta;

  // Emission: symbols written, the previous symbol and its run, the previous item's class.
  let m = 0;
  let prev = -1;
  let run = 0;
  let prevClass = C_SEP;
  let prevUpper = 0;
  /** Whether the last item went into symbol m-1 (a combining mark widens it). */
  let lastIn = false;
  // Automaton: current row, the row before the last separator, queued term ends (x2).
  let row = 0;
  let rowBefore = 0;
  let np = 0;
  // Character facts, and the last ASCII digit and the chain of close digits ending there.
  let facts = 0;
  let lastDigit = -100;
  let digitChain = 0;
  const digitRuns = walk.digitRuns;
  digitRuns.count = 0;
  // Spaced-letter test on the original classes.
  let gateLength = 0;
  let gateLetter = false;
  let singles = 0;
  // Leetspeak: the class of the previous item once word edges are resolved, and the token.
  let passPrev = C_SEP;
  let tokenLength = 0;
  let tokenLetters = 0;
  let tokenLeading = 0;
  let tokenDigits = 0;
  let tokenLeet = 0;
  /** -1: reading ahead; 0: replaying a token that keeps its digits; 1: replaying a leetspeak token. */
  let replay = -1;
  // Where the current token started, to replay it. Everything else about the state there
  // follows: the previous symbol is symbols[saveM - 1] (a separator or a line break), so the
  // token's first symbol gets no soft start and never extends a run.
  let saveI = 0;
  let saveM = 0;
  let saveRow = 0;
  let saveNp = 0;
  let saveMidFold = false;
  // Items of the current non-ASCII fold still to read.
  let fold: Fold | undefined;
  let foldAt = 0;
  let foldLength = 0;
  let foldStart = 0;
  let foldEnd = 0;

  let i = 0;
  for (;;) {
    // ASCII letters and separators between tokens that need no leetspeak decision.
    while (foldAt >= foldLength && i < n && replay < 0) {
      const code = text.charCodeAt(i);
      const info = FAST_ITEM[code]!;
      if (info === 0) break;
      if (info < FAST_SEP) {
        // A run of letters: counted once at its end.
        if (tokenLength === 0) {
          saveI = i;
          saveMidFold = false;
          saveM = m;
          saveRow = row;
          saveNp = np;
        }
        // Its first letter's soft start depends on what came before, so it is stored (as
        // `pass` or `-pass`); the others' follows from the text itself (see symbolSoft).
        const first = i;
        {
          const sym = info & 63;
          if (sym === prev && ++run > REPEAT_LIMIT[sym]!) {
            ends[m - 1] = i + 1;
            endPass[m - 1] = pass;
          } else {
            if (sym !== prev) run = 1;
            symbols[m] = sym;
            starts[m] = i;
            const soft = prevClass === C_LETTER ? (info >> 6) & (prevUpper ^ 1) : prevClass === C_DIGIT ? 1 : 0;
            softPass[m] = soft !== 0 ? pass : -pass;
            const next = delta[row + sym]!;
            if (next >= 0) row = next;
            else {
              row = -next;
              pending[np++] = m + 1;
              pending[np++] = row;
            }
            prev = sym;
            m++;
          }
        }
        let letter = info;
        while (++i < n) {
          letter = FAST_ITEM[text.charCodeAt(i)]!;
          if (letter === 0 || letter >= FAST_SEP) break;
          const sym = letter & 63;
          if (sym === prev && ++run > REPEAT_LIMIT[sym]!) {
            ends[m - 1] = i + 1;
            endPass[m - 1] = pass;
          } else {
            if (sym !== prev) run = 1;
            symbols[m] = sym;
            starts[m] = i;
            const next = delta[row + sym]!;
            if (next >= 0) row = next;
            else {
              row = -next;
              pending[np++] = m + 1;
              pending[np++] = row;
            }
            prev = sym;
            m++;
          }
        }
        const count = i - first;
        tokenLength += count;
        tokenLetters += count;
        gateLength += count;
        gateLetter = true;
        passPrev = C_LETTER;
        prevClass = C_LETTER;
        prevUpper = (FAST_ITEM[text.charCodeAt(i - 1)]! >> 6) & 1;
        lastIn = true;
        continue;
      } else {
        if (tokenLength > 0) {
          // A token with digits or leetspeak may need reading again: the general path decides.
          if (tokenLeet > 0 || (tokenDigits > 0 && tokenLetters > 0)) break;
          tokenLength = 0;
          tokenLetters = 0;
          tokenLeading = 0;
          tokenDigits = 0;
        }
        if (gateLength === 1 && gateLetter) {
          if (++singles >= 3) return false;
        } else if (gateLength > 0) singles = 0;
        gateLength = 0;
        gateLetter = false;
        passPrev = C_SEP;
        facts |= info >> FACT_SHIFT;
        if ((info & FAST_LOOK) !== 0) facts |= punctuationFact(text, i, code);
        if (prev === SYM_SEP) {
          run++;
          ends[m - 1] = i + 1;
          endPass[m - 1] = pass;
          prevClass = C_SEP;
          prevUpper = 0;
          lastIn = true;
        } else if (prev === SYM_BREAK) {
          run = 1;
          lastIn = false;
        } else {
          run = 1;
          symbols[m] = SYM_SEP;
          starts[m] = i;
          rowBefore = row;
          // No term ends with a separator, so no end is recorded here.
          row = Math.abs(delta[row]!);
          prevClass = C_SEP;
          prevUpper = 0;
          prev = SYM_SEP;
          lastIn = true;
          m++;
        }
      }
      i++;
    }

    let c: number;
    let s: number;
    let u: number;
    let start: number;
    let end: number;
    let midFold = false;
    if (foldAt < foldLength && fold !== undefined) {
      c = fold.classes[foldAt] ?? C_SEP;
      s = fold.syms[foldAt] ?? SYM_SEP;
      u = fold.upper ? 1 : 0;
      start = foldStart;
      end = foldEnd;
      midFold = foldAt > 0;
      foldAt++;
    } else if (i < n) {
      const code = text.charCodeAt(i);
      if (code < 128) {
        c = ASCII_CLASS[code]!;
        s = ASCII_SYM[code]!;
        u = ASCII_UPPER[code]!;
        facts |= ASCII_FACT[code]!;
        if (looksAround(code)) facts |= punctuationFact(text, i, code);
        if (c === C_DIGIT && replay < 0) {
          if (lastDigit !== i - 1) digitRuns.add(i);
          digitChain = i - lastDigit <= 4 ? digitChain + 1 : 1;
          lastDigit = i;
          if (digitChain >= 6) facts |= FACT_DIGITS_CLOSE;
        }
        start = i;
        end = ++i;
      } else {
        let cp = code;
        let width = 1;
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
          const low = text.charCodeAt(i + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
            width = 2;
          }
        }
        if (cp >= 0xd800 && cp <= 0xdfff) {
          // A lone surrogate is a separator.
          c = C_SEP;
          s = SYM_SEP;
          u = 0;
          start = i;
          end = ++i;
        } else {
          const f = foldCodePoint(cp);
          if (f.kind === 'skip') {
            i += width;
            continue;
          }
          if (f.kind === 'mark') {
            // A combining mark belongs to the character before it: widen that symbol.
            if (lastIn) {
              ends[m - 1] = i + width;
              endPass[m - 1] = pass;
            }
            i += width;
            continue;
          }
          fold = f;
          foldAt = 0;
          foldLength = f.classes.length;
          foldStart = i;
          foldEnd = i + width;
          i += width;
          if (m + foldLength + (n - i) + 1 > symbols.length) {
            ensureOutput(out, m + foldLength + (n - i) + 1, m);
            ({ symbols, starts, ends, endPass, softPass } = out);
            walk.count = np >> 1;
            walk.ensure(symbols.length);
            pending = walk.ends;
          }
          continue;
        }
      }
    } else {
      c = C_END;
      s = SYM_SEP;
      u = 0;
      start = n;
      end = n;
    }

    // Spaced-out letters: the reference path joins three single letters in a row.
    if (replay < 0) {
      if (c >= C_SEP) {
        if (gateLength === 1 && gateLetter && c !== C_BREAK) {
          if (++singles >= 3) return false;
        } else if (gateLength > 0 || c === C_BREAK) singles = 0;
        gateLength = 0;
        gateLetter = false;
      } else {
        gateLength++;
        if (c === C_LETTER) gateLetter = true;
      }
    }

    // `! | (` count inside a word only, `@` not at a word's start (a mention), `$` touching one.
    if (c === C_LEET) {
      const next = classAt(text, i);
      const nextSep = next >= C_SEP;
      const prevSep = passPrev >= C_SEP;
      const inWord = s === 9 || s === 3 ? isWordish(passPrev) && isWordish(next) : s === 1 ? !prevSep : !prevSep || !nextSep;
      if (!inWord) c = C_SEP;
    }
    passPrev = c;

    if (c >= C_SEP) {
      if (tokenLength > 0) {
        if (replay >= 0) replay = -1;
        else {
          // Leetspeak reading of the token: letters present, and not a number with a short unit (5pm, 10th).
          const unit = tokenLeading > 0 && tokenLetters <= 3 && tokenLeading + tokenLetters === tokenLength;
          const convert = tokenLetters > 0 && !unit;
          if (tokenLeet > 0 || (convert && tokenDigits > 0)) {
            if (saveMidFold) return false;
            replay = convert ? 1 : 0;
            for (let k = saveM; k < m; k++) {
              endPass[k] = 0;
              softPass[k] = 0;
            }
            i = saveI;
            foldAt = 0;
            foldLength = 0;
            m = saveM;
            prev = m > 0 ? symbols[m - 1]! : -1;
            run = 1;
            prevClass = C_SEP;
            prevUpper = 0;
            lastIn = true;
            row = saveRow;
            rowBefore = 0;
            np = saveNp;
            passPrev = C_SEP;
            tokenLength = 0;
            tokenLetters = 0;
            tokenLeading = 0;
            tokenDigits = 0;
            tokenLeet = 0;
            continue;
          }
        }
        tokenLength = 0;
        tokenLetters = 0;
        tokenLeading = 0;
        tokenDigits = 0;
        tokenLeet = 0;
      }
      if (c === C_END) break;
    } else {
      if (tokenLength === 0) {
        saveI = start;
        saveMidFold = midFold;
        saveM = m;
        saveRow = row;
        saveNp = np;
      }
      tokenLength++;
      if (c === C_LETTER) tokenLetters++;
      else if (c === C_DIGIT) {
        if (tokenLetters === 0 && tokenLeading === tokenLength - 1) tokenLeading++;
        tokenDigits++;
        if (replay === 1) {
          c = C_LETTER;
          s = LEET_DIGIT_SYM[s - DIGIT_0]!;
        }
      } else if (c === C_LEET) {
        tokenLeet++;
        // Read ahead as a letter; the token is replayed with the decision.
        c = replay === 0 ? C_SEP : C_LETTER;
      }
    }

    if (c === C_SEP) s = SYM_SEP;
    if (s === prev) {
      run++;
      if (run > REPEAT_LIMIT[s]!) {
        ends[m - 1] = end;
        endPass[m - 1] = pass;
        prevClass = c;
        prevUpper = u;
        lastIn = true;
        continue;
      }
    } else run = 1;
    if (s === SYM_BREAK && prev === SYM_SEP && m > 0) {
      // A separator followed by a line break is just a line break.
      m--;
      row = rowBefore;
    } else if (s === SYM_SEP && prev === SYM_BREAK) {
      lastIn = false;
      continue;
    }
    symbols[m] = s;
    starts[m] = start;
    ends[m] = end;
    endPass[m] = pass;
    softPass[m] = c === C_LETTER && ((u === 1 && prevUpper === 0 && prevClass === C_LETTER) || prevClass === C_DIGIT) ? pass : -pass;
    // Only a separator can be taken back (by a line break after it), so only it needs the row before.
    if (s === SYM_SEP) rowBefore = row;
    const next = delta[row + s]!;
    if (next >= 0) row = next;
    else {
      row = -next;
      pending[np++] = m + 1;
      pending[np++] = row;
    }
    prevClass = c;
    prevUpper = u;
    prev = s;
    lastIn = true;
    m++;
  }
  out.length = m;
  walk.count = np >> 1;
  walk.facts = facts;
  return true;
}
