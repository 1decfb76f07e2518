/**
 * The moderation queue (moderators and admins): posts held by screening, oldest first, each with
 * what screening found highlighted in the text, and Release / Remove (with a reason) buttons.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import type { Status } from '../api/types.js';
import { Avatar } from '../components/Avatar.js';
import { PageHeader } from '../components/PageHeader.js';
import { RelativeTime } from '../components/RelativeTime.js';
import {
  moderationOf,
  moderationQueue,
  releaseStatus,
  removeHeldStatus,
  screeningKeys,
} from '../components/ScreeningApi.js';
import { actionLabel, FindingList, HighlightedText } from '../components/ScreeningFindings.js';
import { EmptyState, ErrorState, Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';
import { useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, profilePath } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

function HeldPost({ status }: { status: Status }) {
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState(false);
  const [reason, setReason] = useState('');
  const moderation = moderationOf(status);
  const findings = moderation?.findings ?? [];
  const text = status.text ?? '';
  const done = () => void queryClient.invalidateQueries({ queryKey: screeningKeys.queue });
  const release = useMutation({
    mutationFn: () => releaseStatus(status.id),
    onSuccess: () => {
      announce('Post released');
      done();
    },
  });
  const remove = useMutation({
    mutationFn: () => removeHeldStatus(status.id, reason.trim()),
    onSuccess: () => {
      announce('Post removed');
      done();
    },
  });
  const name = status.account.display_name || status.account.username;
  const failure = release.error ?? remove.error;

  function submitRemoval(event: FormEvent) {
    event.preventDefault();
    if (reason.trim()) remove.mutate();
  }

  return (
    <article className="moderation-item" data-status-id={status.id} aria-label={`Held post by ${name}`}>
      <header className="moderation-item-head">
        <Avatar account={status.account} size={40} />
        <div className="moderation-item-who">
          <Link to={profilePath(status.account.acct)} className="strong-link">
            {name}
          </Link>
          <span className="muted">
            @{status.account.acct} · <RelativeTime iso={status.created_at} />
            {moderation?.action && <> · {actionLabel(moderation.action)}</>}
          </span>
        </div>
      </header>
      {status.spoiler_text && (
        <p className="moderation-item-text">
          <span className="muted">Content warning: </span>
          <HighlightedText
            text={status.spoiler_text}
            findings={findings.filter((f) => f.field === 'spoiler_text')}
          />
        </p>
      )}
      <p className="moderation-item-text" data-testid="held-text">
        <HighlightedText text={text} findings={findings.filter((f) => (f.field ?? 'status') === 'status')} />
      </p>
      {findings.length > 0 ? (
        <FindingList findings={findings} texts={{ status: text, spoiler_text: status.spoiler_text }} />
      ) : (
        <p className="muted">Edited since it was held: screening finds nothing in the current text.</p>
      )}
      <div className="screening-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => release.mutate()}
          disabled={release.isPending || remove.isPending}
        >
          {release.isPending ? 'Releasing…' : 'Release'}
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={removing}
          onClick={() => setRemoving((r) => !r)}
        >
          Remove…
        </button>
      </div>
      {removing && (
        <form className="moderation-remove-form" onSubmit={submitRemoval}>
          <div className="field">
            <label htmlFor={`reason-${status.id}`}>Reason (the author sees it)</label>
            <input
              id={`reason-${status.id}`}
              value={reason}
              maxLength={1000}
              required
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <button
            type="submit"
            className="button button-danger"
            disabled={!reason.trim() || remove.isPending}
          >
            {remove.isPending ? 'Removing…' : 'Remove post'}
          </button>
        </form>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
    </article>
  );
}

export function ModerationPage() {
  useTitle('Moderation');
  const me = useMe();
  const allowed = me.roost?.role === 'admin' || me.roost?.role === 'moderator';
  const queue = useQuery({
    queryKey: screeningKeys.queue,
    queryFn: moderationQueue,
    enabled: allowed,
    refetchInterval: 30_000,
  });
  if (!allowed) return <NotFoundPage />;
  return (
    <>
      <PageHeader title="Moderation" subtitle="Posts held by screening, oldest first" />
      {queue.isPending && <Spinner label="Loading the queue" />}
      {queue.isError && <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.data && queue.data.length === 0 && <EmptyState>Nothing is waiting for review.</EmptyState>}
      {queue.data && queue.data.length > 0 && (
        <div data-testid="moderation-queue">
          {queue.data.map((status) => (
            <HeldPost key={status.id} status={status} />
          ))}
        </div>
      )}
    </>
  );
}
