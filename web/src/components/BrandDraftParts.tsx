/**
 * Pieces of a brand draft's page: the current text with screening findings marked, the approval
 * steps with who approved and the quorum, the comment thread, deliveries, and the inline editor
 * for a new revision.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addComment,
  brandKeys,
  listComments,
  listConnectors,
  type Delivery,
  type Draft,
  type DraftComment,
  type DraftStep,
} from '../api/brands.js';
import { errorMessage } from '../api/client.js';
import type { Account } from '../api/types.js';
import { formatWhen, quorumLabel } from './BrandBadges.js';
import { PersonLink, personName, useAccounts } from './BrandPeople.js';
import { Icon } from './Icon.js';
import { RelativeTime } from './RelativeTime.js';
import { FindingList, HighlightedText } from './ScreeningFindings.js';
import { ErrorState, Spinner } from './States.js';
import '../styles/brands.css';

/** The text as it stands, each screening finding marked where it was found. */
export function DraftText({ draft }: { draft: Draft }) {
  const findings = draft.screening?.findings ?? [];
  const { text, spoiler_text: spoiler } = draft.revision;
  return (
    <div className="draft-text" data-testid="draft-text">
      {spoiler && (
        <p className="draft-text-spoiler">
          <span className="muted">Content warning: </span>
          <HighlightedText text={spoiler} findings={findings.filter((f) => f.field === 'spoiler_text')} />
        </p>
      )}
      <p className="draft-text-body">
        <HighlightedText text={text} findings={findings.filter((f) => (f.field ?? 'status') === 'status')} />
      </p>
    </div>
  );
}

export function DraftFindings({ draft }: { draft: Draft }) {
  const screening = draft.screening;
  if (!screening || screening.findings.length === 0) return null;
  return (
    <section
      className={`screening-panel screening-panel-${screening.action}`}
      aria-label="Screening findings"
      data-testid="draft-findings"
    >
      <p className="screening-panel-title">
        Screening for the public {screening.phase === 'send' ? 'at sending' : 'at submission'} found:
      </p>
      <FindingList
        findings={screening.findings}
        texts={{ status: draft.revision.text, spoiler_text: draft.revision.spoiler_text }}
      />
    </section>
  );
}

function StepRow({ step, people }: { step: DraftStep; people: Map<string, Account> }) {
  const waiting = step.eligible.filter((id) => !step.approved_by.includes(id));
  const done = Math.min(step.approved_by.length, step.needed);
  return (
    <li
      className={`approval-step${step.current ? ' approval-step-current' : ''}${step.satisfied ? ' approval-step-done' : ''}`}
      data-step={step.id}
    >
      <div className="approval-step-head">
        <span className="approval-step-icon" aria-hidden="true">
          <Icon name={step.satisfied ? 'check' : step.current ? 'clock' : 'more'} />
        </span>
        <strong>{step.name}</strong>
        <span className="muted">{quorumLabel(step.quorum, step.eligible.length)}</span>
        <span className="approval-count" data-testid="approval-count">
          {step.approved_by.length} / {step.needed}
        </span>
      </div>
      <div
        className="approval-meter"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={step.needed}
        aria-valuenow={done}
        aria-label={`${step.name}: ${done} of ${step.needed} approvals`}
      >
        <span style={{ width: `${(done / Math.max(1, step.needed)) * 100}%` }} />
      </div>
      {step.conditional && (
        <p className="muted approval-step-note">
          Joined because screening found: {step.conditional.screening_categories.join(', ')}
        </p>
      )}
      <ul className="approval-people">
        {step.approved_by.map((id) => (
          <li key={id} className="approval-person approval-person-done">
            <Icon name="check" /> <PersonLink account={people.get(id)} /> approved
          </li>
        ))}
        {!step.satisfied &&
          waiting.map((id) => (
            <li key={id} className="approval-person">
              <Icon name="clock" /> <PersonLink account={people.get(id)} />
            </li>
          ))}
        {step.eligible.length === 0 && (
          <li className="approval-person muted">
            Nobody can approve this step yet: an owner adds approvers.
          </li>
        )}
      </ul>
    </li>
  );
}

export function ApprovalSteps({ draft }: { draft: Draft }) {
  const people = useAccounts(draft.steps.flatMap((s) => [...s.eligible, ...s.approved_by]));
  if (draft.steps.length === 0) {
    return (
      <p className="muted">
        {draft.state === 'draft' ? 'Approval steps start when the draft is submitted.' : 'No approval steps.'}
      </p>
    );
  }
  return (
    <ol className="approval-steps" data-testid="approval-steps">
      {draft.steps.map((step) => (
        <StepRow key={step.id} step={step} people={people} />
      ))}
    </ol>
  );
}

const KIND_LABEL: Record<DraftComment['kind'], string | null> = {
  comment: null,
  rejection: 'Rejected',
  screening: 'Screening',
};

export function CommentThread({ draft }: { draft: Draft }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const comments = useQuery({
    queryKey: brandKeys.comments(draft.brand_id, draft.id),
    queryFn: () => listComments(draft.brand_id, draft.id),
  });
  const people = useAccounts((comments.data ?? []).map((c) => c.account_id));
  const add = useMutation({
    mutationFn: () => addComment(draft.brand_id, draft.id, body.trim()),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: brandKeys.comments(draft.brand_id, draft.id) });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim()) add.mutate();
  }
  return (
    <div className="comment-thread">
      {comments.isPending && <Spinner label="Loading comments" />}
      {comments.isError && <ErrorState error={comments.error} />}
      {comments.data && comments.data.length === 0 && <p className="muted">No comments yet.</p>}
      {comments.data && comments.data.length > 0 && (
        <ol className="comments" data-testid="comments">
          {comments.data.map((comment) => {
            const kind = KIND_LABEL[comment.kind];
            return (
              <li key={comment.id} className={`comment comment-${comment.kind}`} data-kind={comment.kind}>
                <p className="comment-head">
                  {comment.account_id ? (
                    <PersonLink account={people.get(comment.account_id)} withAvatar />
                  ) : (
                    <strong>Roost</strong>
                  )}
                  {kind && <span className={`comment-kind comment-kind-${comment.kind}`}>{kind}</span>}
                  {comment.created_at && (
                    <span className="muted">
                      <RelativeTime iso={comment.created_at} />
                    </span>
                  )}
                </p>
                <p className="comment-body">{comment.body}</p>
              </li>
            );
          })}
        </ol>
      )}
      <form className="comment-form" onSubmit={submit}>
        <label htmlFor={`comment-${draft.id}`} className="visually-hidden">
          Add a comment
        </label>
        <textarea
          id={`comment-${draft.id}`}
          rows={2}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="Add a comment for the team…"
          maxLength={2000}
        />
        {add.isError && (
          <p className="form-error" role="alert">
            {errorMessage(add.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-small" disabled={!body.trim() || add.isPending}>
            {add.isPending ? 'Sending…' : 'Comment'}
          </button>
        </div>
      </form>
    </div>
  );
}

const DELIVERY_LABEL: Record<Delivery['state'], string> = {
  pending: 'Pending',
  paused: 'Paused',
  in_flight: 'Sending',
  retrying: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
  dead: 'Dead letter',
  cancelled: 'Cancelled',
};

export function deliveryLabel(state: Delivery['state']): string {
  return DELIVERY_LABEL[state] ?? state;
}

export function destinationLabel(delivery: Delivery, connectorNames?: Map<string, string>): string {
  if (delivery.destination === 'internal') return 'Roost (the brand’s profile)';
  if (delivery.connector_id && connectorNames?.has(delivery.connector_id))
    return connectorNames.get(delivery.connector_id)!;
  return delivery.destination.replace(/^connector:/, 'Connector ');
}

export function DeliveryList({ brandId, deliveries }: { brandId: string; deliveries: Delivery[] }) {
  const connectors = useQuery({
    queryKey: brandKeys.connectors(brandId),
    queryFn: () => listConnectors(brandId),
    enabled: deliveries.some((d) => d.connector_id !== null),
  });
  const names = new Map((connectors.data ?? []).map((c) => [c.id, `${c.name} (${c.kind})`]));
  if (deliveries.length === 0) return null;
  return (
    <ul className="delivery-list" data-testid="draft-deliveries">
      {deliveries.map((d) => (
        <li key={d.id} className={`delivery delivery-${d.state}`} data-state={d.state}>
          <span className={`delivery-state delivery-state-${d.state}`}>{deliveryLabel(d.state)}</span>
          <span>
            {d.action === 'delete' ? 'Delete at ' : ''}
            {destinationLabel(d, names)}
          </span>
          {d.remote_url && (
            <a href={d.remote_url} target="_blank" rel="noreferrer noopener">
              View
            </a>
          )}
          {d.last_error && d.state !== 'delivered' && (
            <span className="muted delivery-error">{d.last_error}</span>
          )}
          {d.delivered_at && <span className="muted">{formatWhen(d.delivered_at)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Writing a new revision in place; outside "draft" the approvals reset and it is submitted again. */
export function DraftEditor({
  draft,
  busy,
  error,
  onSave,
  onCancel,
}: {
  draft: Draft;
  busy: boolean;
  error: unknown;
  onSave: (text: string, spoiler: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(draft.revision.text);
  const [spoiler, setSpoiler] = useState(draft.revision.spoiler_text);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) onSave(text, spoiler);
  }
  return (
    <form className="draft-editor form" onSubmit={submit} aria-label="Revise the draft">
      <div className="field">
        <label htmlFor={`edit-spoiler-${draft.id}`}>Content warning (optional)</label>
        <input id={`edit-spoiler-${draft.id}`} value={spoiler} onChange={(e) => setSpoiler(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`edit-text-${draft.id}`}>Text</label>
        <textarea
          id={`edit-text-${draft.id}`}
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoFocus
        />
      </div>
      {draft.state !== 'draft' && (
        <p className="field-hint">
          Saving makes a new revision: approvals so far are cleared and it is submitted for approval again.
        </p>
      )}
      {Boolean(error) && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy || !text.trim()}>
          {busy ? 'Saving…' : 'Save revision'}
        </button>
      </div>
    </form>
  );
}

export function authorLine(draft: Draft, people: Map<string, Account>): string {
  const author = personName(people.get(draft.author_id));
  const editor = personName(people.get(draft.revision.editor_id));
  return draft.revision.editor_id === draft.author_id
    ? `Written by ${author}`
    : `Written by ${author}, revised by ${editor}`;
}
