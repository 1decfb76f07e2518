/**
 * Live updates from /api/v1/streaming/user: new posts enter the home timeline (or wait behind a
 * "new posts" pill when the reader has scrolled down), notifications bump the unread badge, and
 * deletions and edits rewrite every cached copy.
 */
import { useCallback } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { HOME, keys } from '../api/keys.js';
import type { Notification, Status } from '../api/types.js';
import { useLocation } from '../router.js';
import { addPending, announce, dropPending } from './live-store.js';
import { prependToTimeline, removeStatus, replaceStatus } from './status-cache.js';
import { useEventStream, type StreamState } from './useEventStream.js';
import { useMe } from './useSession.js';

/** Near the top of the page a new post slides in; further down it waits for the reader. */
export function isReadingTop(): boolean {
  return window.scrollY < 120;
}

export function receiveTimelinePost(queryClient: QueryClient, timeline: string, status: Status, visible: boolean, selfId?: string): void {
  // One's own posts (sent from another tab or device) go straight in, without fanfare.
  if (status.account.id === selfId) {
    prependToTimeline(queryClient, keys.timeline(timeline), [status]);
    return;
  }
  if (visible && !isReadingTop()) {
    addPending(timeline, status);
    return;
  }
  prependToTimeline(queryClient, keys.timeline(timeline), [status]);
  if (visible) announce(`New post from ${status.account.display_name || status.account.username}`);
}

function parse<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

export function useLiveUpdates(enabled: boolean): StreamState {
  const queryClient = useQueryClient();
  const me = useMe();
  const { pathname } = useLocation();
  const onHome = pathname === '/';

  const handle = useCallback(
    (event: string, data: string) => {
      if (event === 'update') {
        const status = parse<Status>(data);
        if (status) receiveTimelinePost(queryClient, HOME, status, onHome, me.id);
      } else if (event === 'notification') {
        const notification = parse<Notification>(data);
        if (!notification) return;
        if (pathname !== '/notifications') {
          queryClient.setQueryData<{ count: number }>(keys.unread, (old) => ({ count: (old?.count ?? 0) + 1 }));
        }
        void queryClient.invalidateQueries({ queryKey: keys.notifications });
        announce(`New notification from ${notification.account.display_name || notification.account.username}`);
      } else if (event === 'delete') {
        // Mastodon sends the bare id; tolerate it JSON-quoted too.
        const id = parse<string>(data) ?? data;
        const key = String(id).trim();
        removeStatus(queryClient, key);
        dropPending(key);
      } else if (event === 'status.update') {
        const status = parse<Status>(data);
        if (status) replaceStatus(queryClient, status);
      }
    },
    [queryClient, onHome, pathname, me.id],
  );

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: keys.timeline(HOME) });
    void queryClient.invalidateQueries({ queryKey: keys.unread });
    void queryClient.invalidateQueries({ queryKey: keys.notifications });
  }, [queryClient]);

  return useEventStream(enabled ? '/api/v1/streaming/user' : null, handle, refresh);
}
