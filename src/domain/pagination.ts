/**
 * Cursor pagination as Mastodon does it: newest first; `max_id` pages back, `since_id` and
 * `min_id` page forward (`min_id` returns the oldest newer items first, then flips them so pages
 * stay newest-first). Cursors are IDs, so new posts arriving never shift a page.
 */
export interface PageRequest {
  maxId: number | null;
  sinceId: number | null;
  minId: number | null;
  limit: number;
}

/** Which way to read: with `min_id` the query reads ascending from the cursor. */
export function pageOrder(page: PageRequest): 'asc' | 'desc' {
  return page.minId !== null ? 'asc' : 'desc';
}

/** Rows read with `pageOrder` turned back to newest-first. */
export function finishPage<T>(rows: T[], page: PageRequest): T[] {
  return page.minId !== null ? rows.reverse() : rows;
}

/** Lower bound (exclusive) on IDs: the larger of since_id and min_id. */
export function lowerBound(page: PageRequest): number | null {
  if (page.sinceId === null) return page.minId;
  if (page.minId === null) return page.sinceId;
  return Math.max(page.sinceId, page.minId);
}
