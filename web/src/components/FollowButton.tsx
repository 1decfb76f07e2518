/** Follow / Following for one person, from their relationship (a toggle button). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { follow, getRelationship, unfollow } from '../api/accounts.js';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import type { Relationship } from '../api/types.js';
import { announce } from '../hooks/live-store.js';

export function FollowButton({ accountId, compact }: { accountId: string; compact?: boolean }) {
  const queryClient = useQueryClient();
  const key = keys.relationship(accountId);
  const relationship = useQuery({ queryKey: key, queryFn: () => getRelationship(accountId), staleTime: 60_000 });
  const following = Boolean(relationship.data?.following);
  const toggle = useMutation({
    mutationFn: () => (following ? unfollow(accountId) : follow(accountId)),
    onMutate: () => {
      queryClient.setQueryData<Relationship | null>(key, (old) => ({ ...(old ?? { id: accountId, followed_by: false }), following: !following }));
    },
    onError: (error) => {
      queryClient.setQueryData<Relationship | null>(key, (old) => (old ? { ...old, following } : old));
      announce(errorMessage(error));
    },
    onSuccess: (fresh) => {
      queryClient.setQueryData(key, fresh);
      void queryClient.invalidateQueries({ queryKey: ['account'] });
      void queryClient.invalidateQueries({ queryKey: keys.timeline('home') });
    },
  });
  if (relationship.isPending) return <span className={`follow-placeholder${compact ? ' compact' : ''}`} aria-hidden="true" />;
  return (
    <button
      type="button"
      className={`button ${following ? 'button-following' : 'button-primary'}${compact ? ' button-small' : ''}`}
      aria-pressed={following}
      onClick={() => toggle.mutate()}
      disabled={toggle.isPending}
    >
      {following ? 'Following' : 'Follow'}
    </button>
  );
}
