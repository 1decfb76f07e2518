/**
 * Keeps every cached copy of a post in step: timelines, threads, notifications and search results
 * all hold Status objects, so an action or a live event rewrites them wherever they are.
 */
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { Page, Status } from '../api/types.js';

const REMOVE = Symbol('remove');
type StatusMapper = (status: Status) => Status | null;

function isStatus(value: object): value is Status {
  return 'content' in value && 'account' in value && 'favourites_count' in value && 'id' in value;
}

/** Rewrites statuses inside any JSON-shaped value, keeping untouched branches by reference. */
function walk(value: unknown, mapper: StatusMapper): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const out: unknown[] = [];
    for (const item of value) {
      const result = walk(item, mapper);
      if (result !== item) changed = true;
      if (result !== REMOVE) out.push(result);
    }
    return changed ? out : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (isStatus(value)) {
    let status = value;
    if (value.reblog) {
      const inner = walk(value.reblog, mapper);
      // A reshare of a deleted post goes with it.
      if (inner === REMOVE) return REMOVE;
      if (inner !== value.reblog) status = { ...value, reblog: inner as Status };
    }
    const result = mapper(status);
    return result === null ? REMOVE : result;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const result = walk(child, mapper);
    // A notification about a deleted post disappears with it.
    if (result === REMOVE && key === 'status') return REMOVE;
    if (result !== child) changed = true;
    if (result !== REMOVE) out[key] = result;
  }
  return changed ? out : value;
}

export function mapStatusesEverywhere(queryClient: QueryClient, mapper: StatusMapper): void {
  queryClient.setQueriesData({}, (old: unknown) => {
    if (old === undefined) return old;
    const result = walk(old, mapper);
    return result === REMOVE ? old : result;
  });
}

export function patchStatus(queryClient: QueryClient, id: string, patch: (status: Status) => Status): void {
  mapStatusesEverywhere(queryClient, (status) => (status.id === id ? patch(status) : status));
}

/** Puts the server's copy in place, keeping wrappers (reshares) around it. */
export function replaceStatus(queryClient: QueryClient, fresh: Status): void {
  patchStatus(queryClient, fresh.id, () => fresh);
}

export function removeStatus(queryClient: QueryClient, id: string): void {
  mapStatusesEverywhere(queryClient, (status) => (status.id === id ? null : status));
}

export function timelineContains(data: InfiniteData<Page<Status>> | undefined, id: string): boolean {
  return Boolean(data?.pages.some((page) => page.items.some((s) => s.id === id)));
}

/** Adds posts to the top of a cached timeline (newest first), skipping ones already there. */
export function prependToTimeline(queryClient: QueryClient, key: QueryKey, statuses: Status[]): void {
  queryClient.setQueryData<InfiniteData<Page<Status>>>(key, (old) => {
    if (!old || old.pages.length === 0) return old;
    const fresh = statuses.filter((s) => !timelineContains(old, s.id));
    if (fresh.length === 0) return old;
    const [first, ...rest] = old.pages;
    return { ...old, pages: [{ ...first!, items: [...fresh, ...first!.items] }, ...rest] };
  });
}
