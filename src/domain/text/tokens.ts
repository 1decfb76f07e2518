/**
 * Splits post text into plain text, links, mentions and hashtags. One scanner serves both the
 * renderer and the extraction of who is mentioned and which tags are used, so what is linked
 * and what is recorded can never disagree.
 */
import { normaliseTagName } from './hashtags.js';

export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'link'; url: string }
  /** `username` as written (without `@` or host); `raw` is the whole written mention. */
  | { kind: 'mention'; username: string; raw: string }
  /** `name` is normalised; `display` is as written, without the `#`. */
  | { kind: 'hashtag'; name: string; display: string };

export interface TextContext {
  /** Our own host (`example.org` or `example.org:8080`): `@user@<host>` is a local mention. */
  host: string;
}

const USERNAME_MAX = 30;

// Alternatives are tried at each position in order, so a URL swallows the `#` and `@` inside it.
const SCANNER = new RegExp(
  [
    String.raw`(?<url>https?:\/\/[^\s<>"\u0000-\u001f\u007f]+)`,
    String.raw`(?<mention>@(?<user>[A-Za-z0-9_]+)(?:@(?<domain>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?))?)`,
    String.raw`(?<hashtag>#(?<tag>[\p{L}\p{M}\p{N}_]+))`,
  ].join('|'),
  'giu',
);

/** What may stand right before a link: anything but a letter, digit or underscore. */
const BEFORE_LINK = /[\p{L}\p{N}\p{M}_]/u;
/** Mentions are not part of words, emails or paths. */
const BEFORE_MENTION = /[\p{L}\p{N}\p{M}_.@/\\+-]/u;
/** Hashtags are not part of words, paths or closing brackets (`foo#1`, `/a#b`, `)#x`). */
const BEFORE_HASHTAG = /[\p{L}\p{N}\p{M}_/)&#]/u;
const AFTER_MENTION = /[\p{L}\p{N}\p{M}_]/u;
const TRAILING_PUNCTUATION = /[.,;:!?'"*]$/;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function tokenize(text: string, context: TextContext): Token[] {
  const tokens: Token[] = [];
  let plainStart = 0;
  const pushText = (end: number) => {
    if (end > plainStart) appendText(tokens, text.slice(plainStart, end));
  };
  const scanner = new RegExp(SCANNER.source, SCANNER.flags);
  let match: RegExpExecArray | null;
  while ((match = scanner.exec(text)) !== null) {
    const start = match.index;
    const before = start > 0 ? charBefore(text, start) : '';
    const groups = match.groups!;
    if (groups.url !== undefined) {
      const url = trimUrl(groups.url);
      scanner.lastIndex = start + url.length;
      if ((before && BEFORE_LINK.test(before)) || !isHttpUrl(url)) continue;
      pushText(start);
      tokens.push({ kind: 'link', url });
      plainStart = start + url.length;
    } else if (groups.mention !== undefined) {
      const username = groups.user!;
      const end = start + groups.mention.length;
      const after = end < text.length ? String.fromCodePoint(text.codePointAt(end)!) : '';
      const local = groups.domain === undefined || isOwnHost(groups.domain, context.host);
      if (
        (before && BEFORE_MENTION.test(before)) ||
        username.length > USERNAME_MAX ||
        !local ||
        (after && AFTER_MENTION.test(after))
      ) {
        continue;
      }
      pushText(start);
      tokens.push({ kind: 'mention', username, raw: groups.mention });
      plainStart = end;
    } else {
      const display = groups.tag!;
      const name = normaliseTagName(display);
      if ((before && BEFORE_HASHTAG.test(before)) || name === null) continue;
      pushText(start);
      tokens.push({ kind: 'hashtag', name, display });
      plainStart = start + groups.hashtag!.length;
    }
  }
  pushText(text.length);
  return tokens;
}

export interface Entities {
  /** Lowercased usernames, each once, in order of first mention. */
  mentions: string[];
  /** Tags, each once by normalised name, displayed as first written. */
  hashtags: { name: string; display: string }[];
  links: string[];
}

export function extractEntities(text: string, context: TextContext): Entities {
  const mentions = new Set<string>();
  const hashtags = new Map<string, string>();
  const links: string[] = [];
  for (const token of tokenize(text, context)) {
    if (token.kind === 'mention') mentions.add(token.username.toLowerCase());
    else if (token.kind === 'hashtag' && !hashtags.has(token.name)) hashtags.set(token.name, token.display);
    else if (token.kind === 'link') links.push(token.url);
  }
  return {
    mentions: [...mentions],
    hashtags: [...hashtags].map(([name, display]) => ({ name, display })),
    links,
  };
}

function appendText(tokens: Token[], text: string): void {
  const last = tokens[tokens.length - 1];
  if (last?.kind === 'text') last.text += text;
  else tokens.push({ kind: 'text', text });
}

function charBefore(text: string, index: number): string {
  const code = text.charCodeAt(index - 1);
  // A low surrogate: take the whole astral character.
  if (code >= 0xdc00 && code <= 0xdfff && index >= 2) return text.slice(index - 2, index);
  return text.charAt(index - 1);
}

/** Drops trailing punctuation and closing brackets that do not close something inside the URL. */
function trimUrl(url: string): string {
  let result = url;
  for (;;) {
    if (TRAILING_PUNCTUATION.test(result)) {
      result = result.slice(0, -1);
      continue;
    }
    const last = result.charAt(result.length - 1);
    const opener = CLOSERS[last];
    if (opener !== undefined && count(result, opener) < count(result, last)) {
      result = result.slice(0, -1);
      continue;
    }
    return result;
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

function isHttpUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function isOwnHost(domain: string, host: string): boolean {
  const wanted = host.toLowerCase();
  const given = domain.toLowerCase();
  return given === wanted || given === wanted.replace(/:\d+$/, '');
}
