/**
 * Like, reshare and bookmark with optimistic updates: the pressed state and count change at once
 * everywhere the post is shown, and roll back if the server refuses.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import { statusAction } from '../api/statuses.js';
import type { Status } from '../api/types.js';
import { announce } from './live-store.js';
import { patchStatus, replaceStatus } from './status-cache.js';

export type ToggleKind = 'favourite' | 'reblog' | 'bookmark';

const FLAGS = { favourite: 'favourited', reblog: 'reblogged', bookmark: 'bookmarked' } as const;
const COUNTS = { favourite: 'favourites_count', reblog: 'reblogs_count', bookmark: null } as const;

function toggled(status: Status, kind: ToggleKind, on: boolean): Status {
  const flag = FLAGS[kind];
  if (Boolean(status[flag]) === on) return status;
  const next: Status = { ...status, [flag]: on };
  const count = COUNTS[kind];
  if (count) next[count] = Math.max(0, status[count] + (on ? 1 : -1));
  return next;
}

export function useToggleStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ status, kind, on }: { status: Status; kind: ToggleKind; on: boolean }) =>
      statusAction(status.id, on ? kind : (`un${kind}` as const)),
    onMutate: ({ status, kind, on }) => {
      patchStatus(queryClient, status.id, (s) => toggled(s, kind, on));
    },
    onError: (error, { status, kind, on }) => {
      patchStatus(queryClient, status.id, (s) => toggled(s, kind, !on));
      announce(`Could not update the post: ${errorMessage(error)}`);
    },
    onSuccess: (result, { status, kind }) => {
      // A reshare answers with the wrapper; the post itself is inside it.
      const fresh = kind === 'reblog' && result?.reblog ? result.reblog : result;
      if (fresh && fresh.id === status.id) replaceStatus(queryClient, fresh);
    },
  });
}
