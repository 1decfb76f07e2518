// Internal links: URLs and bare host names on the organization's internal domains (policy
// list), plus what is internal everywhere — private and loopback IP addresses, single-label
// hosts (`http://wiki/`), `go/` short links, and the .local/.corp/.lan/.internal family.
import type { ScanContext } from '../scan-context.js';
import { FACT_COLON, FACT_DIGIT, FACT_DOT, FACT_SLASH } from '../symbols.js';

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
  const words = [...exact, ...suffixes.map((s) => `.${s}`), ...[...labels].map((l) => `${l}.`)].map(escape);
  const gate = new RegExp(
    [
      ...words,
    ].join('|'),
    'i',
  );
  return {
    gate,
    isInternalHost(hostRaw: string): boolean {
      const host = hostRaw.toLowerCase().replace(/\.$/, '');
      if (host === 'localhost' || isPrivateIp(host)) return true;
      const parts = host.split('.');
      for (let i = 0; i < parts.length; i++) {
        const suffix = parts.slice(i).join('.');
        if (exactSet.has(suffix)) return true;
        if (i > 0 && suffixSet.has(suffix)) return true;
      }
      // An internal label counts when it is a subdomain, not the registrable name itself (corp.com).
      if (parts.length >= 3 && parts.slice(0, -2).some((p) => labels.has(p))) return true;
      return parts.length === 1 && labels.has(host);
    },
  };
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A '.' between a letter or digit and a letter (`example.com`): what every bare host name has. */
function hasDotBeforeLetter(text: string): boolean {
  for (let at = text.indexOf('.'); at !== -1; at = text.indexOf('.', at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (isAsciiLetter(text.charCodeAt(at + 1)) && (isAsciiLetter(before) || isAsciiDigit(before))) return true;
  }
  return false;
}

/** A run of digits and dots holding three dots (`10.0.0.5`): what every IPv4 address has. */
function hasDottedQuad(text: string): boolean {
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

/** Spans already reported for the current post (screening is synchronous). */
const seen: Array<[number, number]> = [];

function report(ctx: ScanContext, start: number, match: string, seen: Array<[number, number]>): void {
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
  const firstScheme = (facts & FACT_COLON) !== 0 ? text.indexOf('://') : -1;
  URL.lastIndex = Math.max(0, firstScheme - 8);
  for (let m = firstScheme !== -1 ? URL.exec(text) : null; m !== null; m = URL.exec(text)) {
    const afterScheme = m[0].slice(m[0].indexOf('://') + 3);
    const authority = afterScheme.split(/[/?#]/)[0] ?? '';
    const host = (authority.split('@').pop() ?? '').replace(/:\d*$/, '').replace(/^\[|\]$/g, '');
    const singleLabel = host.length > 0 && !host.includes('.') && /^[a-z0-9-]+$/i.test(host);
    if (singleLabel || domains.isInternalHost(host)) report(ctx, m.index, m[0], seen);
  }
  BARE_HOST.lastIndex = 0;
  const maybeHost = (facts & FACT_DOT) !== 0 && hasDotBeforeLetter(text) && domains.gate.test(text);
  for (let m = maybeHost ? BARE_HOST.exec(text) : null; m !== null; m = BARE_HOST.exec(text)) {
    const host = (m[0].split(/[/:]/)[0] ?? '').replace(/\.$/, '');
    if (domains.isInternalHost(host)) report(ctx, m.index, m[0], seen);
  }
  BARE_IP.lastIndex = 0;
  const maybeIp = (facts & FACT_DIGIT) !== 0 && (facts & FACT_DOT) !== 0 && hasDottedQuad(text) && PRIVATE_IP_HINT.test(text);
  for (let m = maybeIp ? BARE_IP.exec(text) : null; m !== null; m = BARE_IP.exec(text)) {
    const host = m[0].split(/[/:]/)[0] ?? '';
    // "version 10.2.0.1" is a version number, not an address.
    if (VERSION_CUE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (isPrivateIp(host)) report(ctx, m.index, m[0], seen);
  }
  GO_LINK.lastIndex = 0;
  for (let m = (facts & FACT_SLASH) !== 0 && text.includes('go/') ? GO_LINK.exec(text) : null; m !== null; m = GO_LINK.exec(text)) report(ctx, m.index, m[0], seen);
  if (!text.includes('localhost')) return;
  const localhost = /\blocalhost(?::\d{2,5}(?:\/[^\s<>"'`]*)?|\/[^\s<>"'`]+)/gi;
  for (let m = localhost.exec(text); m !== null; m = localhost.exec(text)) report(ctx, m.index, m[0], seen);
}
