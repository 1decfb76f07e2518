/**
 * One brand draft: the current revision with what screening found marked, its state, the approval
 * steps with who approved and the quorum, the comment thread, the revision history with a word
 * diff, and the actions the viewer may take now — exactly those the API's `can` allows.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  brandKeys,
  draftAction,
  getDraft,
  listRevisions,
  reviseDraft,
  type Brand,
  type Draft,
  type DraftAction,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import { BrandChip, brandStyle, DraftStateBadge, formatWhen } from '../components/BrandBadges.js';
import { Countdown, useSecondsUntil } from '../components/BrandCountdown.js';
import { RevisionHistory } from '../components/BrandDiff.js';
import {
  ApprovalSteps,
  authorLine,
  CommentThread,
  DeliveryList,
  DraftEditor,
  DraftFindings,
  DraftText,
} from '../components/BrandDraftParts.js';
import { useBrand } from '../components/BrandHeader.js';
import { PersonLink, useAccounts } from '../components/BrandPeople.js';
import { ReasonDialog } from '../components/BrandReasonDialog.js';
import { ScheduleDialog } from '../components/BrandScheduleDialog.js';
import { Icon } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/States.js';
import { announce } from '../hooks/live-store.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, statusPath } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

type Open = 'reject' | 'retract' | 'break_glass' | 'schedule' | 'edit' | null;

const DONE_MESSAGE: Record<DraftAction['kind'], string> = {
  submit: 'Submitted for approval',
  approve: 'Approved',
  reject: 'Rejected and sent back to the author',
  schedule: 'Scheduled',
  recall: 'Recalled: it is a draft again',
  retract: 'Retraction requested at every destination',
  break_glass: 'Break-glass request recorded: a second person must confirm',
  confirm_break_glass: 'Confirmed: it goes now despite the pause',
};

/** Poll while something is about to happen on the server (sending, or within the undo window). */
function refetchInterval(draft: Draft | undefined): number | false {
  if (!draft) return false;
  if (draft.state === 'sending') return 2000;
  if (draft.state === 'scheduled') {
    const left = draft.send_at ? Date.parse(draft.send_at) - Date.now() : Infinity;
    return left < 5 * 60_000 || draft.waiting_for_resume ? 2000 : 30_000;
  }
  if (
    draft.state === 'published' &&
    draft.deliveries.some((d) => d.state !== 'delivered' && d.state !== 'cancelled')
  )
    return 3000;
  return false;
}

function StateLine({
  draft,
  brand,
  onRecall,
  recalling,
}: {
  draft: Draft;
  brand: Brand;
  onRecall: () => void;
  recalling: boolean;
}) {
  const seconds = useSecondsUntil(draft.state === 'scheduled' ? draft.send_at : null);
  const people = useAccounts([
    draft.scheduled_by,
    draft.break_glass?.requested_by,
    draft.break_glass?.confirmed_by,
  ]);
  if (draft.state === 'scheduled' && draft.send_at) {
    const inUndoWindow = seconds !== null && seconds <= Math.max(brand.undo_window_seconds, 60);
    return (
      <div
        className={`draft-status draft-status-scheduled${inUndoWindow ? ' draft-status-undo' : ''}`}
        data-testid="draft-schedule"
      >
        <Icon name="clock" />
        <div>
          {draft.waiting_for_resume ? (
            <p>
              <strong>Held by the pause.</strong> It was due {formatWhen(draft.send_at)}; it goes (screened
              again) after publishing resumes.
            </p>
          ) : (
            <p>
              {inUndoWindow ? (
                <strong>Leaving in </strong>
              ) : (
                <strong>Scheduled for {formatWhen(draft.send_at)}</strong>
              )}
              {inUndoWindow ? (
                <Countdown iso={draft.send_at} />
              ) : (
                <>
                  {' '}
                  · in <Countdown iso={draft.send_at} />
                </>
              )}
              {draft.scheduled_by && (
                <span className="muted">
                  {' '}
                  · by <PersonLink account={people.get(draft.scheduled_by)} />
                </span>
              )}
            </p>
          )}
          {draft.can.recall && inUndoWindow && (
            <p className="muted">Changed your mind? Recall it before it leaves.</p>
          )}
        </div>
        {draft.can.recall && (
          <button type="button" className="button button-small" onClick={onRecall} disabled={recalling}>
            {recalling ? 'Recalling…' : 'Recall'}
          </button>
        )}
      </div>
    );
  }
  if (draft.state === 'published' || draft.state === 'sending') {
    return (
      <div className="draft-status draft-status-published">
        <Icon name={draft.state === 'published' ? 'check' : 'megaphone'} />
        <p>
          {draft.state === 'published' ? (
            <strong>Published {formatWhen(draft.published_at)}</strong>
          ) : (
            <strong>Sending now…</strong>
          )}
          {draft.status_id && (
            <>
              {' '}
              · <Link to={statusPath(brand.username, draft.status_id)}>See the post</Link>
            </>
          )}
        </p>
      </div>
    );
  }
  if (draft.state === 'retracted') {
    return (
      <div className="draft-status draft-status-retracted">
        <Icon name="trash" />
        <p>
          <strong>Retracted {formatWhen(draft.retracted_at)}.</strong> It was deleted at every destination it
          reached.
        </p>
      </div>
    );
  }
  return null;
}

function BreakGlassNotice({ draft }: { draft: Draft }) {
  const people = useAccounts([draft.break_glass?.requested_by, draft.break_glass?.confirmed_by]);
  if (!draft.break_glass) return null;
  const { requested_by: by, reason, confirmed_by: confirmed } = draft.break_glass;
  return (
    <div className="brand-callout brand-callout-danger" role="note" data-testid="break-glass">
      <p>
        <Icon name="shield" /> <strong>Break glass:</strong> <PersonLink account={people.get(by)} /> asked to
        send this during the pause
        {reason ? <> — “{reason}”</> : null}.{' '}
        {confirmed ? (
          <>
            Confirmed by <PersonLink account={people.get(confirmed)} />.
          </>
        ) : (
          'A second owner or administrator must confirm.'
        )}
      </p>
    </div>
  );
}

export function BrandDraftPage({ brandId, draftId }: { brandId: string; draftId: string }) {
  const queryClient = useQueryClient();
  const brand = useBrand(brandId);
  const draft = useQuery({
    queryKey: brandKeys.draft(brandId, draftId),
    queryFn: () => getDraft(brandId, draftId),
    refetchInterval: (query) => refetchInterval(query.state.data),
  });
  const revisions = useQuery({
    queryKey: brandKeys.revisions(brandId, draftId),
    queryFn: () => listRevisions(brandId, draftId),
    enabled: Boolean(draft.data && draft.data.revisions_count > 1),
  });
  const people = useAccounts(draft.data ? [draft.data.author_id, draft.data.revision.editor_id] : []);
  const [open, setOpen] = useState<Open>(null);
  useTitle(brand.data ? `Draft for @${brand.data.username}` : 'Draft');

  function refreshAfter(next: Draft) {
    queryClient.setQueryData(brandKeys.draft(brandId, draftId), next);
    void queryClient.invalidateQueries({ queryKey: brandKeys.drafts(brandId) });
    void queryClient.invalidateQueries({ queryKey: ['brands', 'draft', brandId, draftId] });
    void queryClient.invalidateQueries({ queryKey: brandKeys.review });
    void queryClient.invalidateQueries({ queryKey: ['brands', 'calendar'] });
  }

  const act = useMutation({
    mutationFn: (action: DraftAction) => draftAction(brandId, draftId, action),
    onSuccess: (next, action) => {
      refreshAfter(next);
      setOpen(null);
      announce(DONE_MESSAGE[action.kind]);
    },
  });
  const revise = useMutation({
    mutationFn: ({ text, spoiler }: { text: string; spoiler: string }) =>
      reviseDraft(brandId, draftId, { status: text, spoiler_text: spoiler }),
    onSuccess: (next) => {
      refreshAfter(next);
      setOpen(null);
      announce(`Revision ${next.revision.number} saved`);
    },
  });

  if (draft.isError || brand.isError) return <NotFoundPage />;
  if (!draft.data || !brand.data) return <Spinner label="Loading draft" />;
  const d = draft.data;
  const b = brand.data;
  const can = d.can;
  const pending = act.isPending ? act.variables?.kind : null;
  // Errors of actions taken without a dialog (submit, approve, send now, recall…) show under the buttons.
  const actionError = act.isError && open === null ? errorMessage(act.error) : null;
  const dialogError = act.isError ? errorMessage(act.error) : null;
  const close = () => {
    act.reset();
    setOpen(null);
  };

  return (
    <>
      <PageHeader title={`Draft for @${b.username}`} subtitle={b.display_name} back />
      <article
        className="draft-page"
        style={brandStyle(b.colour)}
        data-draft-id={d.id}
        data-state={d.state}
        aria-labelledby="draft-title"
      >
        <header className="draft-page-head">
          <BrandChip brand={b} />
          <DraftStateBadge state={d.state} />
          <span className="muted draft-page-rev">
            Revision {d.revision.number}
            {d.revisions_count > 1 ? ` of ${d.revisions_count}` : ''}
          </span>
        </header>
        <h2 id="draft-title" className="visually-hidden">
          The draft
        </h2>
        {b.paused && d.state !== 'published' && d.state !== 'retracted' && (
          <p className="brand-header-paused" role="status">
            <Icon name="pause" /> Publishing is paused{b.pause?.reason ? `: ${b.pause.reason}` : ''}. Nothing
            leaves until it resumes.
          </p>
        )}
        <StateLine
          draft={d}
          brand={b}
          onRecall={() => act.mutate({ kind: 'recall' })}
          recalling={pending === 'recall'}
        />
        <BreakGlassNotice draft={d} />

        {open === 'edit' ? (
          <DraftEditor
            draft={d}
            busy={revise.isPending}
            error={revise.error}
            onSave={(text, spoiler) => revise.mutate({ text, spoiler })}
            onCancel={() => {
              revise.reset();
              setOpen(null);
            }}
          />
        ) : (
          <div className="draft-card">
            <DraftText draft={d} />
            <p className="muted draft-card-meta">
              {authorLine(d, people)}
              {d.updated_at && <> · updated {formatWhen(d.updated_at)}</>}
            </p>
          </div>
        )}

        <div className="draft-actions" role="group" aria-label="Actions">
          {can.submit && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => act.mutate({ kind: 'submit' })}
              disabled={Boolean(pending)}
            >
              {pending === 'submit' ? 'Submitting…' : 'Submit for approval'}
            </button>
          )}
          {can.approve && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => act.mutate({ kind: 'approve' })}
              disabled={Boolean(pending)}
            >
              <Icon name="check" />
              {pending === 'approve' ? 'Approving…' : 'Approve'}
            </button>
          )}
          {can.reject && (
            <button type="button" className="button" onClick={() => setOpen('reject')}>
              Reject…
            </button>
          )}
          {can.edit && open !== 'edit' && (
            <button type="button" className="button" onClick={() => setOpen('edit')}>
              <Icon name="edit" /> {d.state === 'draft' ? 'Edit' : 'Revise'}
            </button>
          )}
          {can.schedule && (
            <>
              <button type="button" className="button button-primary" onClick={() => setOpen('schedule')}>
                <Icon name="calendar" /> Schedule…
              </button>
              <button
                type="button"
                className="button"
                onClick={() => act.mutate({ kind: 'schedule', scheduled_at: null })}
                disabled={Boolean(pending)}
              >
                <Icon name="megaphone" /> {pending === 'schedule' ? 'Sending…' : 'Send now'}
              </button>
            </>
          )}
          {can.break_glass && !d.break_glass && (
            <button type="button" className="button button-danger" onClick={() => setOpen('break_glass')}>
              <Icon name="shield" /> Break glass…
            </button>
          )}
          {can.confirm_break_glass && (
            <button
              type="button"
              className="button button-danger"
              onClick={() => act.mutate({ kind: 'confirm_break_glass' })}
              disabled={Boolean(pending)}
            >
              {pending === 'confirm_break_glass' ? 'Confirming…' : 'Confirm break glass'}
            </button>
          )}
          {can.retract && (
            <button type="button" className="button button-danger" onClick={() => setOpen('retract')}>
              <Icon name="trash" /> Retract…
            </button>
          )}
          {!Object.values(can).some(Boolean) && (
            <p className="muted">Nothing for you to do on this draft right now.</p>
          )}
        </div>
        {b.two_factor_needed && (
          <p className="brand-header-warning" role="note">
            This brand publishes publicly: <Link to="/settings#two-factor">turn on two-factor sign-in</Link>{' '}
            to act on its drafts.
          </p>
        )}
        {actionError && (
          <p className="form-error" role="alert">
            {actionError}
          </p>
        )}

        <DraftFindings draft={d} />

        <section className="draft-section" aria-labelledby="steps-title">
          <h3 id="steps-title">Approvals</h3>
          <ApprovalSteps draft={d} />
        </section>

        {d.deliveries.length > 0 && (
          <section className="draft-section" aria-labelledby="deliveries-title">
            <h3 id="deliveries-title">Deliveries</h3>
            <DeliveryList brandId={brandId} deliveries={d.deliveries} />
          </section>
        )}

        <section className="draft-section" aria-labelledby="comments-title">
          <h3 id="comments-title">Comments</h3>
          <CommentThread draft={d} />
        </section>

        <section className="draft-section" aria-labelledby="revisions-title">
          <h3 id="revisions-title">Revisions</h3>
          {d.revisions_count < 2 && <p className="muted">Only one revision so far.</p>}
          {revisions.data && revisions.data.length > 1 && (
            <RevisionHistory brandId={brandId} draftId={draftId} revisions={revisions.data} />
          )}
        </section>
      </article>

      {open === 'reject' && (
        <ReasonDialog
          title="Reject this draft"
          intro={
            <p>
              It goes back to its author as a draft. Say what should change: your comment is shown on the
              draft.
            </p>
          }
          label="Comment for the author"
          confirmLabel="Reject"
          danger
          busy={pending === 'reject'}
          error={dialogError}
          onConfirm={(comment) => act.mutate({ kind: 'reject', comment })}
          onCancel={close}
        />
      )}
      {open === 'retract' && (
        <ReasonDialog
          title="Retract this post"
          intro={
            <p>It is deleted from the brand’s profile and from every connected destination it reached.</p>
          }
          label="Reason (for the audit log)"
          confirmLabel="Retract everywhere"
          danger
          optional
          busy={pending === 'retract'}
          error={dialogError}
          onConfirm={(reason) => act.mutate({ kind: 'retract', reason })}
          onCancel={close}
        />
      )}
      {open === 'break_glass' && (
        <ReasonDialog
          title="Break glass: send during the pause"
          intro={
            <p>
              A second owner or administrator must confirm before this one post leaves despite the pause. It
              is still screened when it is sent.
            </p>
          }
          label="Why must this go out now?"
          confirmLabel="Ask for confirmation"
          danger
          busy={pending === 'break_glass'}
          error={dialogError}
          onConfirm={(reason) => act.mutate({ kind: 'break_glass', reason })}
          onCancel={close}
        />
      )}
      {open === 'schedule' && (
        <ScheduleDialog
          undoWindowSeconds={b.undo_window_seconds}
          busy={pending === 'schedule'}
          error={dialogError}
          onSchedule={(iso) => act.mutate({ kind: 'schedule', scheduled_at: iso })}
          onCancel={close}
        />
      )}
    </>
  );
}
