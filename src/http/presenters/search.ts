/** The Search entity (API v2): already-presented accounts, statuses and hashtags, in that key order. */
export function presentSearchResults<A, S, T>(results: { accounts: A[]; statuses: S[]; hashtags: T[] }) {
  return { accounts: results.accounts, statuses: results.statuses, hashtags: results.hashtags };
}
