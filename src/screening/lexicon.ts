// The built-in word lists, loaded from data/*.json and described as term specs for the shared
// automaton. Tables here let detectors turn a hit's `ref` back into its meaning.
import confidentialData from './data/confidential.json' with { type: 'json' };
import secretHints from './data/secret-hints.json' with { type: 'json' };
import sensitiveData from './data/sensitive.json' with { type: 'json' };
import { offensiveLexicon, type OffensivePhrase } from './offensive-lexicon.js';
import { Edge, Group, addListTerm, type TermIndexBuilder } from './term-index.js';

export type SensitiveTopic = 'death' | 'disaster' | 'violence' | 'tragedy' | 'religion' | 'ethnicity' | 'politics' | 'health';

export interface SensitiveTerm {
  term: string;
  topic: SensitiveTopic;
  strong: boolean;
}

export interface BuiltinTables {
  offensive: OffensivePhrase[];
  sensitive: SensitiveTerm[];
}

let tables: BuiltinTables | undefined;

export function builtinTables(): BuiltinTables {
  if (tables) return tables;
  const sensitive: SensitiveTerm[] = [];
  for (const [topic, lists] of Object.entries(sensitiveData.topics)) {
    for (const term of lists.strong) sensitive.push({ term, topic: topic as SensitiveTopic, strong: true });
    for (const term of lists.weak) sensitive.push({ term, topic: topic as SensitiveTopic, strong: false });
  }
  tables = { offensive: offensiveLexicon().phrases, sensitive };
  return tables;
}

function edge(wordBoundary: boolean): Edge {
  return wordBoundary ? Edge.Word : Edge.None;
}

/** Adds every built-in list to the builder. */
export function addBuiltinTerms(builder: TermIndexBuilder): void {
  const lexicon = offensiveLexicon();
  for (const pattern of lexicon.patterns) {
    builder.addText(pattern.text, {
      group: Group.Offensive,
      ref: pattern.phrase,
      left: edge(pattern.wordStart),
      right: edge(pattern.wordEnd),
    });
  }
  for (const term of lexicon.whitelist) {
    builder.addText(term, { group: Group.OffensiveAllow, ref: 0, left: Edge.None, right: Edge.None });
  }

  builtinTables().sensitive.forEach((entry, ref) => addListTerm(builder, entry.term, Group.Sensitive, ref));
  for (const term of sensitiveData.idioms.terms) addListTerm(builder, term, Group.SensitiveIdiom, 0);
  for (const term of sensitiveData.peopleCues) addListTerm(builder, term, Group.PeopleCue, 0);

  for (const term of confidentialData.markers) addListTerm(builder, term, Group.Marker, 0);
  for (const term of confidentialData.markerIdioms.terms) addListTerm(builder, term, Group.MarkerIdiom, 0);
  for (const term of confidentialData.financeTerms) addListTerm(builder, term, Group.FinanceTerm, 0);
  for (const term of confidentialData.financeDirect) addListTerm(builder, term, Group.FinanceDirect, 0);
  for (const term of confidentialData.forwardCues) addListTerm(builder, term, Group.ForwardCue, 0);
  for (const term of confidentialData.announcedCues) addListTerm(builder, term, Group.PublicCue, 0);
  for (const term of confidentialData.pastCues) addListTerm(builder, term, Group.PastCue, 0);
  for (const term of confidentialData.dobCues) addListTerm(builder, term, Group.DobCue, 0);
  for (const term of confidentialData.headcountNouns) addListTerm(builder, term, Group.Headcount, 0);
  for (const term of secretHints.hints) addListTerm(builder, term, Group.SecretHint, 0);
  // Found anywhere, even inside a longer word: a gate for the link detector's own search.
  builder.addText('localhost', { group: Group.LinkHint, ref: 0, left: Edge.None, right: Edge.None });
  // Every verb of the job-cuts pattern (confidential.ts) holds one of these, whatever its form.
  for (const stem of ['cut', 'eliminat', 'slash', 'shed', 'lay', 'laid', 'let', 'ax', 'reduc']) {
    builder.addText(stem, { group: Group.CutVerb, ref: 0, left: Edge.None, right: Edge.None });
  }
}
