/** A hashtag: its posts, live while open, and a follow button that brings them into Home. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import { keys } from '../api/keys.js';
import { getTag, setTagFollowed } from '../api/misc.js';
import type { Tag } from '../api/types.js';
import { PageHeader } from '../components/PageHeader.js';
import { Timeline } from '../components/Timeline.js';
import { announce } from '../hooks/live-store.js';
import { useTitle } from '../hooks/useTitle.js';
import { useTimelineStream } from '../hooks/useTimelineStream.js';

function FollowTagButton({ name }: { name: string }) {
  const queryClient = useQueryClient();
  const tag = useQuery({ queryKey: keys.tag(name), queryFn: () => getTag(name), retry: false });
  const following = Boolean(tag.data?.following);
  const toggle = useMutation({
    mutationFn: () => setTagFollowed(name, !following),
    onMutate: () => queryClient.setQueryData<Tag>(keys.tag(name), (old) => ({ ...(old ?? { name, url: '' }), following: !following })),
    onError: (error) => {
      queryClient.setQueryData<Tag>(keys.tag(name), (old) => (old ? { ...old, following } : old));
      announce(errorMessage(error));
    },
    onSuccess: (fresh) => {
      queryClient.setQueryData(keys.tag(name), fresh);
      void queryClient.invalidateQueries({ queryKey: keys.followedTags });
      announce(fresh.following ? `Following #${name}` : `Unfollowed #${name}`);
    },
  });
  if (tag.isPending) return null;
  return (
    <button type="button" className={`button ${following ? 'button-following' : 'button-primary'}`} aria-pressed={following} onClick={() => toggle.mutate()}>
      {following ? 'Following' : 'Follow hashtag'}
    </button>
  );
}

export function TagPage({ tag }: { tag: string }) {
  const name = decodeURIComponent(tag).replace(/^#/, '');
  useTitle(`#${name}`);
  useTimelineStream(`/api/v1/streaming/hashtag?tag=${encodeURIComponent(name)}`, `tag:${name.toLowerCase()}`);
  return (
    <>
      <PageHeader title={`#${name}`} subtitle="Posts with this hashtag" back actions={<FollowTagButton name={name} />} />
      <Timeline
        name={`tag:${name.toLowerCase()}`}
        path={`/api/v1/timelines/tag/${encodeURIComponent(name)}`}
        empty={<p>No posts with #{name} yet. Be the first!</p>}
      />
    </>
  );
}
