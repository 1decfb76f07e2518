/** Streams new posts into a public timeline (organization, hashtag) while its page is open. */
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../api/keys.js';
import type { Status } from '../api/types.js';
import { removeStatus } from './status-cache.js';
import { useEventStream } from './useEventStream.js';
import { receiveTimelinePost } from './useLiveUpdates.js';

export function useTimelineStream(path: string, timeline: string): void {
  const queryClient = useQueryClient();
  const handle = useCallback(
    (event: string, data: string) => {
      if (event === 'update') {
        try {
          receiveTimelinePost(queryClient, timeline, JSON.parse(data) as Status, true);
        } catch {
          // A malformed event is skipped; the next refresh shows the truth.
        }
      } else if (event === 'delete') {
        removeStatus(queryClient, data.replace(/"/g, '').trim());
      }
    },
    [queryClient, timeline],
  );
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: keys.timeline(timeline) }), [queryClient, timeline]);
  useEventStream(path, handle, refresh);
}
