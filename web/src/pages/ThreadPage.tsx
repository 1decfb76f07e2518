/** A conversation: the posts above, the post itself, a reply composer, and the replies below. */
import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { keys } from '../api/keys.js';
import { getContext, getStatus } from '../api/statuses.js';
import type { Status, StatusContext } from '../api/types.js';
import { Composer } from '../components/Composer.js';
import { PageHeader } from '../components/PageHeader.js';
import { ErrorState, Spinner } from '../components/States.js';
import { StatusCard } from '../components/StatusCard.js';
import { plainText } from '../components/plain-text.js';
import { useTitle } from '../hooks/useTitle.js';
import { navigate } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

export function ThreadPage({ id }: { username: string; id: string }) {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: keys.status(id), queryFn: () => getStatus(id) });
  const context = useQuery({ queryKey: keys.context(id), queryFn: () => getContext(id) });
  const mainRef = useRef<HTMLDivElement>(null);
  const composerWrap = useRef<HTMLDivElement>(null);
  const ancestors = context.data?.ancestors.length ?? 0;
  const post = status.data ? (status.data.reblog ?? status.data) : null;
  useTitle(post ? `${post.account.display_name || post.account.username}: “${plainText(post.content, 60)}”` : 'Post');

  useEffect(() => {
    if (ancestors > 0) mainRef.current?.scrollIntoView({ block: 'start' });
  }, [ancestors]);

  if (status.isPending) return <Spinner label="Loading post" />;
  if (status.isError) {
    if (status.error instanceof ApiError && status.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  }
  const main = post!;

  function focusReply() {
    composerWrap.current?.querySelector('textarea')?.focus();
  }

  function onPosted(reply: Status) {
    queryClient.setQueryData<StatusContext>(keys.context(id), (old) =>
      old && !old.descendants.some((s) => s.id === reply.id) ? { ...old, descendants: [...old.descendants, reply] } : old,
    );
  }

  return (
    <>
      <PageHeader title="Post" back />
      <div className="thread">
        {context.data?.ancestors.map((s) => <StatusCard key={s.id} status={s} threadLine />)}
        <div ref={mainRef} className="thread-main">
          <StatusCard status={main} detail onReply={focusReply} onDeleted={() => navigate('/', { replace: true })} />
        </div>
        <div ref={composerWrap} className="thread-composer">
          <Composer key={main.id} draftKey={`reply:${main.id}`} replyTo={main} onPosted={onPosted} />
        </div>
        <section aria-label="Replies" className="thread-replies">
          {context.isPending && <Spinner label="Loading replies" />}
          {context.isError && <ErrorState error={context.error} onRetry={() => void context.refetch()} />}
          {context.data?.descendants.map((s) => <StatusCard key={s.id} status={s} />)}
        </section>
      </div>
    </>
  );
}
