// The offensive-language lexicon: obscenity's English dataset (its phrases, patterns and
// whitelisted terms) plus the project's own additions in data/offensive.json, expanded into
// plain strings that the shared term automaton can hold. Built once per process.
import { DataSet, SyntaxKind, englishDataset, parseRawPattern, type Node, type ParsedPattern } from 'obscenity';
import offensiveData from './data/offensive.json' with { type: 'json' };
import { normalise } from './normalise.js';

export type OffensiveKind = 'slur' | 'profanity' | 'mild';

export interface OffensivePhrase {
  word: string;
  kind: OffensiveKind;
}

export interface OffensivePattern {
  phrase: number;
  text: string;
  wordStart: boolean;
  wordEnd: boolean;
}

export interface OffensiveLexicon {
  phrases: OffensivePhrase[];
  patterns: OffensivePattern[];
  whitelist: string[];
}

const WILDCARD_LETTERS = 'abcdefghijklmnopqrstuvwxyz*';

function expandNodes(nodes: readonly Node[]): string[] {
  let results = [''];
  for (const node of nodes) {
    const options: string[] = [];
    if (node.kind === SyntaxKind.Literal) options.push(String.fromCodePoint(...node.chars));
    else if (node.kind === SyntaxKind.Wildcard) options.push(...WILDCARD_LETTERS);
    else if (node.kind === SyntaxKind.Optional) {
      options.push('');
      const child = node.childNode;
      if (child.kind === SyntaxKind.Literal) options.push(String.fromCodePoint(...child.chars));
      else options.push(...WILDCARD_LETTERS);
    }
    const next: string[] = [];
    for (const prefix of results) for (const option of options) next.push(prefix + option);
    results = next;
  }
  return results;
}

function canonical(text: string): string {
  const norm = normalise(text);
  return Array.from(norm.symbols.subarray(0, norm.length)).join(',');
}

function literal(text: string): string {
  const symbols: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c >= 97 && c <= 122) symbols.push(c - 96);
    else if (c >= 48 && c <= 57) symbols.push(27 + c - 48);
    else if (ch === '*') symbols.push(37);
    else symbols.push(0);
  }
  return symbols.join(',');
}

/** `shit` → `s*it`, `sh*t`, `s*t`: the masked spellings people use to dodge filters. */
function maskedVariants(text: string): string[] {
  if (text.length < 4 || text.includes(' ')) return [];
  const variants: string[] = [];
  variants.push(`${text[0] ?? ''}*${text[text.length - 1] ?? ''}`);
  for (let i = 1; i < text.length - 1; i++) {
    variants.push(text.slice(0, i) + '*' + text.slice(i + 1));
    if (i < text.length - 2) variants.push(text.slice(0, i) + '*' + text.slice(i + 2));
  }
  return variants;
}

function addPattern(lexicon: OffensiveLexicon, phrase: number, parsed: ParsedPattern, fromDataset: boolean): void {
  const kind = lexicon.phrases[phrase]?.kind;
  for (const text of expandNodes(parsed.nodes)) {
    // obscenity collapses repeated letters before matching, so a dataset pattern that changes
    // under collapsing can never match there either; dropping it keeps the same semantics.
    if (fromDataset && canonical(text) !== literal(text)) continue;
    const base = { phrase, wordStart: parsed.requireWordBoundaryAtStart, wordEnd: parsed.requireWordBoundaryAtEnd };
    lexicon.patterns.push({ ...base, text });
    if (kind !== 'mild' && !text.includes('*')) {
      for (const variant of maskedVariants(text)) lexicon.patterns.push({ ...base, text: variant });
    }
  }
}

let cached: OffensiveLexicon | undefined;

export function offensiveLexicon(): OffensiveLexicon {
  if (cached) return cached;
  const lexicon: OffensiveLexicon = { phrases: [], patterns: [], whitelist: [] };
  const kinds = offensiveData.datasetKinds;
  const excluded = new Set(offensiveData.datasetExcluded.words);
  const whitelist = new Set<string>(offensiveData.whitelist.terms);

  // removePhrasesIf is the public way to visit each phrase of a DataSet; nothing is removed.
  new DataSet<{ originalWord?: string }>().addAll(englishDataset).removePhrasesIf((container) => {
    const word = container.metadata?.originalWord ?? '';
    if (excluded.has(word)) return false;
    const kind: OffensiveKind = kinds.slur.includes(word) ? 'slur' : kinds.mild.includes(word) ? 'mild' : 'profanity';
    const phrase = lexicon.phrases.push({ word, kind }) - 1;
    for (const parsed of container.patterns) addPattern(lexicon, phrase, parsed, true);
    for (const term of container.whitelistedTerms) whitelist.add(term);
    return false;
  });

  for (const extra of offensiveData.extraTerms) {
    const kind = extra.kind as OffensiveKind;
    const phrase = lexicon.phrases.push({ word: extra.word, kind }) - 1;
    for (const raw of extra.patterns) addPattern(lexicon, phrase, parseRawPattern(raw), false);
  }
  lexicon.whitelist = [...whitelist];
  cached = lexicon;
  return lexicon;
}
