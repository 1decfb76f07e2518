/**
 * Filter entities in Mastodon's shapes (v2 Filter, FilterKeyword, FilterStatus, FilterResult, and
 * the deprecated V1::Filter, one per keyword), as explicit allow-lists.
 */
import type { FilterKeyword, FilterStatus, FilterView } from '../../services/filters/filter-service.js';
import type { FilterMatch, FilterSummary } from '../../services/filters/matcher.js';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function presentSummary(filter: FilterSummary) {
  return {
    id: String(filter.id),
    title: filter.title,
    context: filter.context,
    expires_at: iso(filter.expiresAt),
    filter_action: filter.filterAction,
  };
}

export function presentFilterKeyword(keyword: FilterKeyword) {
  return { id: String(keyword.id), keyword: keyword.keyword, whole_word: keyword.whole_word === 1 };
}

export function presentFilterStatus(status: FilterStatus) {
  return { id: String(status.id), status_id: String(status.status_id) };
}

export function presentFilter(filter: FilterView) {
  return {
    ...presentSummary(filter),
    keywords: filter.keywords.map(presentFilterKeyword),
    statuses: filter.statuses.map(presentFilterStatus),
  };
}

/** One entry of `Status.filtered`: the filter (without keywords and statuses) and what matched. */
export function presentFilterResult(match: FilterMatch) {
  return {
    filter: presentSummary(match.filter),
    keyword_matches: match.keywordMatches,
    status_matches: match.statusMatches,
  };
}

export type PresentedFilterResult = ReturnType<typeof presentFilterResult>;

/** V1::Filter: Mastodon 4 shows each keyword of a v2 filter as one v1 filter with the keyword's id. */
export function presentV1Filter(filter: FilterView, keyword: FilterKeyword) {
  return {
    id: String(keyword.id),
    phrase: keyword.keyword,
    context: filter.context,
    whole_word: keyword.whole_word === 1,
    expires_at: iso(filter.expiresAt),
    irreversible: filter.filterAction === 'hide',
  };
}
