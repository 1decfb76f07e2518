/**
 * A list of posts from a paginated endpoint: newest first, "N new posts" when live posts waited
 * while the reader was scrolled down, and older pages loaded on scroll or with "Load more".
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import type { Status } from '../api/types.js';
import { takePending, usePending } from '../hooks/live-store.js';
import { prependToTimeline } from '../hooks/status-cache.js';
import { flattenPages, usePagedList } from '../hooks/useTimeline.js';
import { Icon } from './Icon.js';
import { StatusCard } from './StatusCard.js';
import { EmptyState, Spinner } from './States.js';

export function Timeline({ name, path, empty }: { name: string; path: string; empty: ReactNode }) {
  const queryClient = useQueryClient();
  const key = keys.timeline(name);
  const query = usePagedList<Status>(key, path);
  const pending = usePending(name);
  const statuses = flattenPages(query.data);

  function showPending() {
    prependToTimeline(queryClient, key, takePending(name));
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    window.scrollTo({ top: 0, behavior: reduceMotion ? 'auto' : 'smooth' });
    document.querySelector<HTMLElement>('main article[data-status-id]')?.focus({ preventScroll: true });
  }

  if (query.isPending) return <Spinner label="Loading posts" />;
  if (query.isError) {
    return (
      <div className="panel-message" role="alert">
        <p>{errorMessage(query.error)}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div className="timeline">
      {pending.length > 0 && (
        <button type="button" className="new-posts-pill" onClick={showPending} data-testid="new-posts">
          <Icon name="arrowUp" /> {pending.length} new {pending.length === 1 ? 'post' : 'posts'}
        </button>
      )}
      {statuses.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <div className="feed" role="feed" aria-busy={query.isFetchingNextPage}>
          {statuses.map((status) => (
            <StatusCard key={status.id} status={status} />
          ))}
        </div>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoad={() => void query.fetchNextPage()}
      />
    </div>
  );
}

/** Loads the next page when it scrolls into view; also a button for keyboard and screen-reader users. */
export function LoadMore({ hasMore, loading, onLoad }: { hasMore: boolean; loading: boolean; onLoad: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const onLoadRef = useRef(onLoad);
  onLoadRef.current = onLoad;
  useEffect(() => {
    const node = ref.current;
    if (!node || !hasMore || loading) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) onLoadRef.current();
    }, { rootMargin: '600px 0px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, loading]);
  if (!hasMore) return null;
  return (
    <div ref={ref} className="load-more">
      <button type="button" className="button button-ghost" onClick={onLoad} disabled={loading}>
        {loading ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}
