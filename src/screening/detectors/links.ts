// Internal links: URLs and bare host names on the organization's internal domains (policy
// list), plus what is internal everywhere — private and loopback IP addresses, single-label
// hosts (`http://wiki/`), `go/` short links, and the .local/.corp/.lan/.internal family.
import type { ScanContext } from '../scan-context.js';
import { FACT_DIGIT, FACT_DOT, FACT_DOT_WORD, FACT_GO_SLASH, FACT_SCHEME, codeAt, type DigitRuns } from '../symbols.js';
import { Group } from '../term-index.js';

const INTERNAL_SUFFIXES = ['local', 'corp', 'lan', 'internal', 'intranet', 'intra', 'home.arpa', 'localdomain', 'private', 'priv', 'localhost'];
const INTERNAL_LABELS = new Set(['intranet', 'corp', 'internal', 'intra', 'corpnet']);

const URL = /\b(?:https?|ftps?|sftp|ssh|smb|file|rdp|vnc|git|ldaps?):\/\/[^\s<>"'`]+/gi;
const BARE_HOST = /(?<![@\w.\/:-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}\b(?::\d{2,5})?(?:\/[^\s<>"'`]*)?/gi;
const BARE_IP = /(?<![\w.\/:])\d{1,3}(?:\.\d{1,3}){3}(?::\d{2,5})?(?:\/[^\s<>"'`]*)?(?![\w.])/g;
const GO_LINK = /(?<![\w.\/@-])go\/(?!no\b|no-go|nogo|yes\b|rust\b|java\b|python\b)[a-z0-9][\w-]*(?:\/[^\s<>"'`]*)?/g;
const VERSION_CUE = /\b(?:v|ver|version|versions|release|build|sdk|rev|revision|firmware|update|patch|upgrade to)\.?\s*$/i;
const PRIVATE_IP_HINT = /\b(?:10|127|192\.168|172\.(?:1[6-9]|2\d|3[01])|169\.254|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7]))\.\d/;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

export interface InternalDomainMatcher {
  /** Cheap test: could a bare host name in this post be internal? */
  gate: RegExp;
  /**
   * For each ASCII code unit (lower case): 1 when it stands right after a '.' in some gate
   * word, 2 when right before one. Every gate word holds a '.', so a post without such a '.'
   * cannot pass the gate.
   */
  dotContext: Uint8Array;
  isInternalHost(host: string): boolean;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPrivateIp(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a = 0, b = 0] = parts;
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}

function countDots(text: string): number {
  let dots = 0;
  for (let at = text.indexOf('.'); at !== -1; at = text.indexOf('.', at + 1)) dots++;
  return dots;
}

/** Compiles the policy's internalDomains (`corp.example.com`, `*.internal`, `intranet`) with the defaults. */
export function compileInternalDomains(entries: readonly string[]): InternalDomainMatcher {
  const exact: string[] = [];
  const suffixes = [...INTERNAL_SUFFIXES];
  const labels = new Set(INTERNAL_LABELS);
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '').replace(/\.$/, '');
    if (entry.length === 0) continue;
    if (entry.startsWith('*.')) suffixes.push(entry.slice(2));
    else if (entry.startsWith('.')) suffixes.push(entry.slice(1));
    else if (!entry.includes('.')) labels.add(entry);
    else exact.push(entry);
  }
  const suffixSet = new Set(suffixes);
  const exactSet = new Set(exact);
  const words = [...exact, ...suffixes.map((s) => `.${s}`), ...[...labels].map((l) => `${l}.`)];
  const gate = new RegExp(words.map(escape).join('|'), 'i');
  const dotContext = new Uint8Array(128);
  for (const word of words) {
    for (let d = word.indexOf('.'); d !== -1; d = word.indexOf('.', d + 1)) {
      const after = word.charCodeAt(d + 1);
      const before = word.charCodeAt(d - 1);
      if (after < 128) dotContext[after] = (dotContext[after] ?? 0) | 1;
      if (before < 128) dotContext[before] = (dotContext[before] ?? 0) | 2;
    }
  }
  // A word that is a lone '.' fits any '.'.
  if (words.some((word) => word === '.')) dotContext.fill(3);
  // The gate is case-insensitive: upper-case letters stand where their lower-case ones do.
  for (let c = 65; c <= 90; c++) dotContext[c] = dotContext[c + 32] ?? 0;
  return {
    gate,
    dotContext,
    isInternalHost(hostRaw: string): boolean {
      const lower = hostRaw.toLowerCase();
      const host = codeAt(lower, lower.length - 1) === 46 ? lower.slice(0, -1) : lower;
      if (host === 'localhost') return true;
      // Only a host of four dot-separated parts can be an IP address.
      const dots = countDots(host);
      if (dots === 3 && isPrivateIp(host)) return true;
      // The host and each suffix after a '.': exact entries match any, suffix entries proper ones.
      for (let from = 0, first = true; ; first = false) {
        const suffix = first ? host : host.slice(from);
        if (exactSet.has(suffix) || (!first && suffixSet.has(suffix))) return true;
        const dot = host.indexOf('.', from);
        if (dot === -1) break;
        from = dot + 1;
      }
      if (dots === 0) return labels.has(host);
      // An internal label counts when it is a subdomain, not the registrable name itself (corp.com).
      if (dots < 2) return false;
      // Every part but the last two.
      for (let from = 0, left = dots - 1; left > 0; left--) {
        const dot = host.indexOf('.', from);
        if (labels.has(host.slice(from, dot))) return true;
        from = dot + 1;
      }
      return false;
    },
  };
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Whether the post can pass the domain gate: a '.' between a letter or digit and a letter
 * (`example.com`, what every bare host name has), and a '.' whose neighbours fit some gate word.
 */
function maybeBareHost(text: string, dotContext: Uint8Array): boolean {
  let hostShape = false;
  let gateShape = false;
  for (let at = text.indexOf('.'); at !== -1; at = text.indexOf('.', at + 1)) {
    const before = codeAt(text, at - 1);
    const after = codeAt(text, at + 1);
    if (!hostShape && isAsciiLetter(after) && (isAsciiLetter(before) || isAsciiDigit(before))) hostShape = true;
    if (!gateShape && (after >= 128 || before >= 128 || ((dotContext[after] ?? 0) & 1) !== 0 || ((dotContext[before] ?? 0) & 2) !== 0)) gateShape = true;
    if (hostShape && gateShape) return true;
  }
  return false;
}

/**
 * Four runs of digits joined by single dots (`10.0.0.5`): what every IPv4 address has. Read
 * from the digit runs the normaliser listed, or from the text when there were too many.
 */
function hasDottedQuad(text: string, runs: DigitRuns): boolean {
  if (runs.count < 0) return hasDottedRun(text);
  let joined = 1;
  let previousEnd = -10;
  for (let k = 0; k < runs.count; k++) {
    const start = runs.starts[k] ?? 0;
    joined = previousEnd === start - 1 && text.charCodeAt(previousEnd) === 46 ? joined + 1 : 1;
    if (joined >= 4) return true;
    let end = start;
    while (isAsciiDigit(codeAt(text, end))) end++;
    previousEnd = end;
  }
  return false;
}

/** A run of digits and dots holding three dots. */
function hasDottedRun(text: string): boolean {
  for (let at = text.indexOf('.'); at !== -1; ) {
    let end = at;
    let dots = 0;
    while (end < text.length && (text.charCodeAt(end) === 46 || isAsciiDigit(text.charCodeAt(end)))) {
      if (text.charCodeAt(end) === 46) dots++;
      end++;
    }
    if (dots >= 3) return true;
    at = text.indexOf('.', end);
  }
  return false;
}

/** Where the first '://' is, or -1 (a search for ':' is cheaper than one for the substring). */
function schemeSeparator(text: string): number {
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
    if (codeAt(text, at + 1) === 47 && codeAt(text, at + 2) === 47) return at;
  }
  return -1;
}

/**
 * The host of a URL: the authority (up to the first '/', '?' or '#' after '://'), after its
 * last '@', without a trailing `:port` and without IPv6 brackets.
 */
export function urlHost(url: string): string {
  const from = url.indexOf('://') + 3;
  let to = from;
  while (to < url.length) {
    const c = url.charCodeAt(to);
    if (c === 47 || c === 63 || c === 35) break;
    to++;
  }
  const at = url.lastIndexOf('@', to - 1);
  let host = url.slice(at >= from ? at + 1 : from, to);
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    let digits = true;
    for (let k = colon + 1; k < host.length && digits; k++) digits = isAsciiDigit(host.charCodeAt(k));
    if (digits) host = host.slice(0, colon);
  }
  if (codeAt(host, 0) === 91) host = host.slice(1);
  if (codeAt(host, host.length - 1) === 93) host = host.slice(0, -1);
  return host;
}

/** One label of letters, digits and hyphens (`http://wiki/`). */
function isSingleLabel(host: string): boolean {
  if (host.length === 0) return false;
  for (let k = 0; k < host.length; k++) {
    const c = host.charCodeAt(k);
    if (!isAsciiLetter(c) && !isAsciiDigit(c) && c !== 45) return false;
  }
  return true;
}

/** Spans already reported for the current post (screening is synchronous). */
const seen: Array<[number, number]> = [];

function report(ctx: ScanContext, start: number, match: string): void {
  const text = match.replace(TRAILING_PUNCTUATION, '');
  const end = start + text.length;
  if (text.length === 0 || seen.some(([s, e]) => start < e && s < end)) return;
  seen.push([start, end]);
  ctx.out.push({ rule: 'links.internal', start, end, message: 'Links to an internal address that the public cannot reach.' });
}

export function detectInternalLinks(ctx: ScanContext, domains: InternalDomainMatcher): void {
  const { text, facts } = ctx;
  if (seen.length > 0) seen.length = 0;
  // Every URL has its '://' at most 5 characters after its start (the longest scheme).
  const firstScheme = (facts & FACT_SCHEME) !== 0 ? schemeSeparator(text) : -1;
  URL.lastIndex = Math.max(0, firstScheme - 8);
  for (let m = firstScheme !== -1 ? URL.exec(text) : null; m !== null; m = URL.exec(text)) {
    const host = urlHost(m[0]);
    if (isSingleLabel(host) || domains.isInternalHost(host)) report(ctx, m.index, m[0]);
  }
  BARE_HOST.lastIndex = 0;
  const maybeHost = (facts & FACT_DOT_WORD) !== 0 && maybeBareHost(text, domains.dotContext) && domains.gate.test(text);
  for (let m = maybeHost ? BARE_HOST.exec(text) : null; m !== null; m = BARE_HOST.exec(text)) {
    const host = (m[0].split(/[/:]/)[0] ?? '').replace(/\.$/, '');
    if (domains.isInternalHost(host)) report(ctx, m.index, m[0]);
  }
  BARE_IP.lastIndex = 0;
  const maybeIp = (facts & FACT_DIGIT) !== 0 && (facts & FACT_DOT) !== 0 && hasDottedQuad(text, ctx.digitRuns) && PRIVATE_IP_HINT.test(text);
  for (let m = maybeIp ? BARE_IP.exec(text) : null; m !== null; m = BARE_IP.exec(text)) {
    const host = m[0].split(/[/:]/)[0] ?? '';
    // "version 10.2.0.1" is a version number, not an address.
    if (VERSION_CUE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (isPrivateIp(host)) report(ctx, m.index, m[0]);
  }
  GO_LINK.lastIndex = 0;
  for (let m = (facts & FACT_GO_SLASH) !== 0 ? GO_LINK.exec(text) : null; m !== null; m = GO_LINK.exec(text)) report(ctx, m.index, m[0]);
  // The automaton saw every "localhost" (a substring search of every post would cost more).
  if (ctx.hits.get(Group.LinkHint).length === 0 || !text.includes('localhost')) return;
  const localhost = /\blocalhost(?::\d{2,5}(?:\/[^\s<>"'`]*)?|\/[^\s<>"'`]+)/gi;
  for (let m = localhost.exec(text); m !== null; m = localhost.exec(text)) report(ctx, m.index, m[0]);
}
