/** A paginated list (timeline, bookmarks, notifications) as an infinite query following Link headers. */
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { apiPage } from '../api/client.js';
import type { Page } from '../api/types.js';

export function usePagedList<T>(key: QueryKey, path: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => apiPage<T>(pageParam ?? path, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<T>) => last.next ?? undefined,
    enabled,
  });
}

export function flattenPages<T>(data: { pages: Page<T>[] } | undefined): T[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: T[] = [];
  for (const page of data.pages) {
    for (const item of page.items) {
      const id = (item as { id?: string }).id;
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      out.push(item);
    }
  }
  return out;
}
