// The engine's shortcuts against the slow ways they replace: the one-pass normaliser against
// the multi-pass reference (symbols, offsets, soft starts, automaton ends, character facts),
// and each detector's cheap gate against running its patterns unconditionally.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findToneMarker, findToneMarkerBySearch } from './context-markers.js';
import { compileInternalDomains, urlHost } from './detectors/links.js';
import { detectPersonal } from './detectors/personal.js';
import { detectSecrets } from './detectors/secrets.js';
import { AutomatonWalk, normalise, normaliseAndWalk, normaliseGeneral, walkSymbols } from './normalise.js';
import type { ScanContext } from './scan-context.js';
import { DigitRuns, createNormalisedBuffer, textFacts } from './symbols.js';
import { TermHits } from './term-index.js';
import { testPolicy } from './test-helpers.js';

const PIECES = [
  ...'ab sh1t$@!|(*-.:/\n5pmQ3 AZo0 l1e3',
  '123', '4567', ' x ', 'fuck', 'Falcon', 'BlueHeron', '#DeliaStrong', 'conf', '\u0301', '\u200B', 'é', 'É', 'ｆ', 'Ｓ', '½', '…',
  'ﬁ', '㍱', '😂', '\uD800', '\uDC00', '\u2028', 'İ', 'ß', 'с', '１', '²', '\r', 'Ⅻ', 'ǅ', 'a b c', 'f u c k', '://', '-----BEGIN',
];
const textArbitrary = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

function view(norm: { length: number; symbols: Uint8Array; starts: Int32Array; ends: Int32Array; soft: Uint8Array }): number[][] {
  const n = norm.length;
  return [norm.symbols, norm.starts, norm.ends, norm.soft].map((a) => Array.from(a.subarray(0, n)));
}

describe('one-pass normaliser', () => {
  it('agrees with the multi-pass reference, buffers reused, on any mix of scripts, marks and leetspeak', () => {
    const shared = createNormalisedBuffer();
    fc.assert(
      fc.property(textArbitrary, (text) => {
        expect(view(normalise(text, shared))).toEqual(view(normaliseGeneral(text, createNormalisedBuffer())));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves the automaton where a separate walk over the reference symbols does, with the same facts', () => {
    const tables = (testPolicy().index as unknown as { tables: Parameters<typeof walkSymbols>[1] }).tables;
    const fused = new AutomatonWalk();
    const separate = new AutomatonWalk();
    const buffer = createNormalisedBuffer();
    fc.assert(
      fc.property(textArbitrary, (text) => {
        normaliseAndWalk(text, buffer, tables, fused);
        walkSymbols(normaliseGeneral(text, createNormalisedBuffer()), tables, separate);
        expect(Array.from(fused.ends.subarray(0, fused.count * 2))).toEqual(Array.from(separate.ends.subarray(0, separate.count * 2)));
        const runs = new DigitRuns();
        expect(fused.facts).toBe(textFacts(text, runs));
        expect(fused.digitRuns.count).toBe(runs.count);
        expect(Array.from(fused.digitRuns.starts.subarray(0, Math.max(0, runs.count)))).toEqual(Array.from(runs.starts.subarray(0, Math.max(0, runs.count))));
      }),
      { numRuns: 2000 },
    );
  });
});

/** A scanned context for calling one detector directly. */
function contextOf(text: string): ScanContext {
  const policy = testPolicy();
  const hits = new TermHits();
  const norm = createNormalisedBuffer();
  const facts = policy.index.scanText(text, norm, hits);
  const digitRuns = new DigitRuns();
  digitRuns.count = policy.index.digitRuns.count;
  digitRuns.starts = policy.index.digitRuns.starts.slice();
  return { text, norm, hits, terms: policy.terms, facts, digitRuns, out: [] };
}

const NUMBER_PIECES = [
  '1', '12', '123', '1234', '4111', '0143', '555', '212', '9', ' ', ' ', '-', '-', '.', '/', '(', ')', '+', '+44 ', '#', 'a', 'AB', 'QQ',
  'GB82 ', 'WEST ', 'C', 'D', 'SSN ', 'social: ', 'NI number ', 'national insurance ', 'passport no ', 'IBAN ', 'call ', 'order ', '\n',
];

describe('detector gates', () => {
  it('number patterns find the same whatever the digit shapes say', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...NUMBER_PIECES), { maxLength: 40 }).map((p) => p.join('')), (text) => {
        const gated = contextOf(text);
        detectPersonal(gated);
        const every = contextOf(text);
        detectPersonal(every, true);
        expect(gated.out).toEqual(every.out);
      }),
      { numRuns: 3000 },
    );
  });

  it('secret patterns find the same with and without the needle search', () => {
    const pieces = ['AKIA', 'IOSFODNN7EXAMPLE', 'ghp_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx', 'sk-', 'sk-ant-api03-', 'password', '=', ': ', 'hunter2hunter2', 'api key ', 'token ', 'postgres://', 'admin:S3cr3t', '@db', 'xoxb-', '123-abc', 'PASS', 'mysql -u root -p', ' ', '\n', 'eyJ', 'abcdefgh1234', '.'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map((p) => p.join('')), (text) => {
        const gated = contextOf(text);
        detectSecrets(gated);
        const every = contextOf(text);
        detectSecrets(every, true);
        expect(gated.out).toEqual(every.out);
      }),
      { numRuns: 2000 },
    );
  });

  it('tone markers are found where a search of the whole post finds them', () => {
    const pieces = ['lol', 'LOL', 'haha', 'jk', 'j/k', 'just  kidding', 'pun', '😂', ':)', ':P', 'xD', 'funny', '% off', 'percent off', 'sale', 'ſale', 'Kidding', 'buy', 'save 5', 'free for 30 days', 'try it free', "don't miss out", 'x', '_', '1', ' ', '\n', 'é', 'K', '\uD83D', '\uDE02', 'off'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join('')), (text) => {
        expect(findToneMarker(text)).toEqual(findToneMarkerBySearch(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads URL hosts and internal hosts as the string-splitting versions did', () => {
    const reference = (url: string): string => {
      const afterScheme = url.slice(url.indexOf('://') + 3);
      const authority = afterScheme.split(/[/?#]/)[0] ?? '';
      return (authority.split('@').pop() ?? '').replace(/:\d*$/, '').replace(/^\[|\]$/g, '');
    };
    const domains = compileInternalDomains(['corp.example.com', '*.internal', 'intranet']);
    const exact = new Set(['corp.example.com']);
    const suffixes = new Set(['local', 'corp', 'lan', 'internal', 'intranet', 'intra', 'home.arpa', 'localdomain', 'private', 'priv', 'localhost']);
    const labels = new Set(['intranet', 'corp', 'internal', 'intra', 'corpnet']);
    const isInternal = (raw: string): boolean => {
      const host = raw.toLowerCase().replace(/\.$/, '');
      const parts = host.split('.');
      const ip = host.split('.').map(Number);
      const [a = 0, b = 0] = ip;
      if (host === 'localhost') return true;
      if (ip.length === 4 && ip.every((p) => Number.isInteger(p) && p >= 0 && p <= 255)) {
        if (a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return true;
      }
      for (let i = 0; i < parts.length; i++) {
        const suffix = parts.slice(i).join('.');
        if (exact.has(suffix) || (i > 0 && suffixes.has(suffix))) return true;
      }
      if (parts.length >= 3 && parts.slice(0, -2).some((p) => labels.has(p))) return true;
      return parts.length === 1 && labels.has(host);
    };
    const hostPieces = ['a', 'wiki', 'corp', 'example', 'com', 'internal', 'intranet', 'local', '10', '0', '5', '192', '168', '.', '.', ':', '8080', '@', '[', ']', '/', '?', '#', 'x'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...hostPieces), { maxLength: 12 }).map((p) => p.join('')), (rest) => {
        const url = `https://${rest}`;
        expect(urlHost(url)).toBe(reference(url));
        expect(domains.isInternalHost(rest)).toBe(isInternal(rest));
      }),
      { numRuns: 3000 },
    );
  });
});
