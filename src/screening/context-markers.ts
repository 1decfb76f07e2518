// Joke and sales-pitch markers, read on the original text (emoji and "% off" do not survive
// normalisation). They only matter once a sensitive topic or crisis term is present, so they
// stay plain regular expressions; but a search from every position of a post is costly for
// an alternation this size, so only positions where some marker could start are tried.
import contextData from './data/context.json' with { type: 'json' };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Entries holding a backslash are regular expressions; a trailing `*` matches a word ending. */
function markerSource(entry: string): string {
  if (entry.includes('\\')) return `\\b${entry}\\b`;
  const open = entry.endsWith('*');
  const body = escape(open ? entry.slice(0, -1) : entry).replace(/ /g, '\\s+');
  const wordish = /^[\p{L}\p{N}]/u.test(entry);
  return `${wordish ? '\\b' : ''}${body}${open ? '\\w*' : wordish && /[\p{L}\p{N}]$/u.test(entry) ? '\\b' : ''}`;
}

/** Marks a code unit that can start a marker: at a word start (1) or anywhere (2). */
const AT_WORD_START = 1;
const ANYWHERE = 2;

interface MarkerSearch {
  /** The alternation, sticky: tried only at candidate positions. */
  sticky: RegExp;
  starts: Uint8Array;
}

/**
 * `\w` under the `iu` flags: ASCII word characters plus the long s and the Kelvin sign, which
 * case-fold to `s` and `k`.
 */
function isWordUnit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 0x17f || code === 0x212a;
}

function compileMarkers(entries: readonly string[]): MarkerSearch {
  const source = entries.map(markerSource).join('|');
  const starts = new Uint8Array(65536);
  // Which code units can be the first one a marker consumes, found by asking the regex
  // engine itself (so case folding under `iu` is exactly the engine's). Markers outside the
  // BMP (emoji) start with a high surrogate.
  const wordFirsts: string[] = [];
  const otherFirsts: string[] = [];
  for (const entry of entries) {
    const first = String.fromCodePoint(entry.codePointAt(0) ?? 32);
    // A regular expression that does not open with a literal could start anywhere.
    if (entry.includes('\\') && /^[\\([.^$|?*+{]/.test(entry)) {
      starts.fill(ANYWHERE);
      return { sticky: new RegExp(source, 'iuy'), starts };
    }
    if (first.length === 2) starts[first.charCodeAt(0)] = ANYWHERE;
    else if (entry.includes('\\') || /^[\p{L}\p{N}]/u.test(entry)) wordFirsts.push(escape(first).replace('-', '\\-'));
    else otherFirsts.push(escape(first).replace('-', '\\-'));
  }
  const wordFirst = new RegExp(`^[${wordFirsts.join('')}]`, 'iu');
  const otherFirst = otherFirsts.length > 0 ? new RegExp(`^[${otherFirsts.join('')}]`, 'iu') : undefined;
  for (let code = 0; code < 65536; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCharCode(code);
    if (wordFirst.test(ch)) starts[code] = (starts[code] ?? 0) | AT_WORD_START;
    if (otherFirst?.test(ch)) starts[code] = (starts[code] ?? 0) | ANYWHERE;
  }
  return { sticky: new RegExp(source, 'iuy'), starts };
}

const JOKE = compileMarkers(contextData.jokeMarkers);
const SALES = compileMarkers(contextData.salesMarkers);

/**
 * The leftmost match, as the same alternation without the sticky flag would find it: every
 * match starts at a candidate position, and a sticky attempt at a position is exactly the
 * attempt a left-to-right search makes there.
 */
function firstMarker(search: MarkerSearch, text: string): string | undefined {
  const { sticky, starts } = search;
  for (let p = 0; p < text.length; p++) {
    const code = text.charCodeAt(p);
    const flags = starts[code] ?? 0;
    if (flags === 0) continue;
    // A search under `u` never starts inside a surrogate pair.
    if (code >= 0xdc00 && code <= 0xdfff && p > 0 && (text.charCodeAt(p - 1) & 0xfc00) === 0xd800) continue;
    if (flags === AT_WORD_START && p > 0 && isWordUnit(text.charCodeAt(p - 1))) continue;
    sticky.lastIndex = p;
    const match = sticky.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

export interface ToneMarker {
  kind: 'joke' | 'sales';
  text: string;
}

let lastText: string | undefined;
let lastMarker: ToneMarker | undefined;

const JOKE_SEARCH = new RegExp(JOKE.sticky.source, 'iu');
const SALES_SEARCH = new RegExp(SALES.sticky.source, 'iu');

/** The same answer by a plain search of the whole post: the reference the tests compare with. */
export function findToneMarkerBySearch(text: string): ToneMarker | undefined {
  const joke = JOKE_SEARCH.exec(text);
  if (joke) return { kind: 'joke', text: joke[0] };
  const sales = SALES_SEARCH.exec(text);
  if (sales) return { kind: 'sales', text: sales[0] };
  return undefined;
}

/** The first joke marker, else the first sales marker, in the post. */
export function findToneMarker(text: string): ToneMarker | undefined {
  // Sensitive topics and crisis terms both ask about the same post.
  if (text === lastText) return lastMarker;
  const joke = firstMarker(JOKE, text);
  const sales = joke === undefined ? firstMarker(SALES, text) : undefined;
  lastText = text;
  lastMarker = joke !== undefined ? { kind: 'joke', text: joke } : sales !== undefined ? { kind: 'sales', text: sales } : undefined;
  return lastMarker;
}
