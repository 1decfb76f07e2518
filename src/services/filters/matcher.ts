/**
 * Applies a person's filters to posts, as Mastodon 4 does on the server: a post matches a filter
 * when its text or content warning contains one of the filter's keywords (whole words when asked,
 * case-insensitively) or when the filter names the post. Reshares are judged by the post they share.
 * Pure code: `compileFilters` takes the filters already loaded for one context.
 */
export const FILTER_CONTEXTS = ['home', 'notifications', 'public', 'thread', 'account'] as const;
export type FilterContext = (typeof FILTER_CONTEXTS)[number];

export interface FilterSummary {
  id: number;
  title: string;
  context: FilterContext[];
  filterAction: 'warn' | 'hide' | 'blur';
  expiresAt: number | null;
}

export interface CompilableFilter extends FilterSummary {
  keywords: { keyword: string; wholeWord: boolean }[];
  statusIds: number[];
}

/** What the matcher needs of a post (a HydratedStatus fits). */
export interface MatchableStatus {
  id: number;
  text: string;
  spoiler_text: string;
  reblog?: MatchableStatus | null;
}

/** Mastodon's FilterResult: which filter matched, through which keywords and which posts. */
export interface FilterMatch {
  filter: FilterSummary;
  keywordMatches: string[] | null;
  statusMatches: string[] | null;
}

export interface FilterMatcher {
  readonly isEmpty: boolean;
  match(status: MatchableStatus): FilterMatch[];
}

interface CompiledFilter {
  summary: FilterSummary;
  keywords: { keyword: string; pattern: RegExp }[];
  statusIds: Set<number>;
}

const WORD = String.raw`[\p{L}\p{M}\p{N}_]`;
const STARTS_WITH_WORD = new RegExp(`^${WORD}`, 'u');
const ENDS_WITH_WORD = new RegExp(`${WORD}$`, 'u');

/** A keyword as a pattern: a whole word must not continue a word on either side (where it starts or ends with one). */
export function keywordPattern(keyword: string, wholeWord: boolean): RegExp {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!wholeWord) return new RegExp(escaped, 'iu');
  const before = STARTS_WITH_WORD.test(keyword) ? `(?<!${WORD})` : '';
  const after = ENDS_WITH_WORD.test(keyword) ? `(?!${WORD})` : '';
  return new RegExp(`${before}${escaped}${after}`, 'iu');
}

export function compileFilters(filters: CompilableFilter[]): FilterMatcher {
  const compiled: CompiledFilter[] = filters.map((filter) => ({
    summary: {
      id: filter.id,
      title: filter.title,
      context: filter.context,
      filterAction: filter.filterAction,
      expiresAt: filter.expiresAt,
    },
    keywords: filter.keywords
      .filter((k) => k.keyword.trim() !== '')
      .map((k) => ({ keyword: k.keyword, pattern: keywordPattern(k.keyword, k.wholeWord) })),
    statusIds: new Set(filter.statusIds),
  }));
  return {
    isEmpty: compiled.length === 0,
    match(status: MatchableStatus): FilterMatch[] {
      const proper = status.reblog ?? status;
      const text = `${proper.spoiler_text}\n\n${proper.text}`;
      const results: FilterMatch[] = [];
      for (const filter of compiled) {
        const keywordMatches = filter.keywords.filter((k) => k.pattern.test(text)).map((k) => k.keyword);
        const statusMatches = [proper.id, status.id]
          .filter((id, index, all) => all.indexOf(id) === index && filter.statusIds.has(id))
          .map(String);
        if (keywordMatches.length === 0 && statusMatches.length === 0) continue;
        results.push({
          filter: filter.summary,
          keywordMatches: keywordMatches.length > 0 ? keywordMatches : null,
          statusMatches: statusMatches.length > 0 ? statusMatches : null,
        });
      }
      return results;
    },
  };
}
