/** Brand drafts, revisions, diffs, comments, deliveries and calendar entries, as explicit allow-lists. */
import type { StepProgress } from '../../domain/brands/workflow.js';
import type { DiffSegment } from '../../domain/brands/word-diff.js';
import type { CalendarEntry, CommentView, DraftView } from '../../services/drafts/draft-service.js';
import type { RevisionRow } from '../../services/drafts/draft-store.js';
import { storedScreening } from '../../services/drafts/draft-store.js';
import type { DeliveryRecord } from '../../services/outbox/outbox-service.js';
import { iso } from './brand.js';

export function presentRevision(revision: RevisionRow) {
  return {
    id: String(revision.id),
    number: revision.number,
    text: revision.text,
    spoiler_text: revision.spoiler_text,
    editor_id: String(revision.editor_account_id),
    created_at: iso(revision.created_at),
  };
}

export function presentDelivery(delivery: DeliveryRecord) {
  return {
    id: String(delivery.id),
    draft_id: String(delivery.draftId),
    revision_id: String(delivery.revisionId),
    destination: delivery.destination,
    connector_id: delivery.connectorId === null ? null : String(delivery.connectorId),
    action: delivery.action,
    state: delivery.state,
    idempotency_key: delivery.idempotencyKey,
    remote_id: delivery.remoteId,
    remote_url: delivery.remoteUrl,
    attempts: delivery.attempts,
    last_error: delivery.lastError,
    created_at: iso(delivery.createdAt),
    updated_at: iso(delivery.updatedAt),
    delivered_at: iso(delivery.deliveredAt),
  };
}

function presentStep(progress: StepProgress, current: boolean) {
  return {
    id: progress.step.id,
    name: progress.step.name,
    quorum: progress.step.quorum,
    needed: progress.needed,
    approved_by: progress.approvedBy.map(String),
    eligible: progress.eligible.map(String),
    satisfied: progress.satisfied,
    current,
    conditional: progress.step.when
      ? { screening_categories: [...progress.step.when.screeningCategories] }
      : null,
  };
}

export function presentDraft(view: DraftView) {
  const { draft, revision, progress, permissions } = view;
  const screening = storedScreening(draft);
  return {
    id: String(draft.id),
    brand_id: String(draft.brand_id),
    state: draft.state,
    author_id: String(draft.author_account_id),
    proposal_status_id: draft.proposal_status_id === null ? null : String(draft.proposal_status_id),
    revision: presentRevision(revision),
    revisions_count: view.revisionCount,
    submission: draft.submission,
    screening: screening
      ? {
          phase: screening.phase,
          action: screening.action,
          policy_version: screening.policyVersion,
          at: iso(screening.at),
          findings: screening.findings.map((f) => ({
            rule: f.rule,
            category: f.category,
            action: f.action,
            message: f.message,
            field: f.field,
            start: f.start,
            end: f.end,
            excerpt: f.excerpt,
            suggestion: f.suggestion ?? null,
          })),
        }
      : null,
    steps: progress ? progress.steps.map((s) => presentStep(s, progress.current?.step.id === s.step.id)) : [],
    scheduled_at: iso(draft.scheduled_for),
    send_at: iso(draft.send_at),
    scheduled_by: draft.scheduled_by === null ? null : String(draft.scheduled_by),
    waiting_for_resume: draft.waiting_for_resume === 1,
    break_glass:
      draft.break_glass_requested_by === null
        ? null
        : {
            requested_by: String(draft.break_glass_requested_by),
            reason: draft.break_glass_reason,
            confirmed_by:
              draft.break_glass_confirmed_by === null ? null : String(draft.break_glass_confirmed_by),
          },
    status_id: draft.status_id === null ? null : String(draft.status_id),
    published_at: iso(draft.published_at),
    retracted_at: iso(draft.retracted_at),
    deliveries: view.deliveries.map(presentDelivery),
    created_at: iso(draft.created_at),
    updated_at: iso(draft.updated_at),
    can: {
      edit: permissions.edit,
      submit: permissions.submit,
      approve: permissions.approve,
      reject: permissions.reject,
      schedule: permissions.schedule,
      recall: permissions.recall,
      retract: permissions.retract,
      break_glass: permissions.breakGlass,
      confirm_break_glass: permissions.confirmBreakGlass,
    },
  };
}

export function presentComment(comment: CommentView) {
  return {
    id: String(comment.id),
    revision_id: String(comment.revisionId),
    account_id: comment.accountId === null ? null : String(comment.accountId),
    kind: comment.kind,
    body: comment.body,
    created_at: iso(comment.createdAt),
  };
}

export function presentDiff(diff: {
  from: RevisionRow;
  to: RevisionRow;
  text: DiffSegment[];
  spoilerText: DiffSegment[];
}) {
  return {
    from: presentRevision(diff.from),
    to: presentRevision(diff.to),
    text: diff.text.map((s) => ({ op: s.op, text: s.text })),
    spoiler_text: diff.spoilerText.map((s) => ({ op: s.op, text: s.text })),
  };
}

export function presentCalendarEntry(entry: CalendarEntry) {
  return {
    at: iso(entry.at),
    state: entry.draft.state,
    draft_id: String(entry.draft.id),
    brand: {
      id: String(entry.brand.id),
      username: entry.brand.username,
      display_name: entry.brand.displayName,
      colour: entry.brand.colour,
    },
    text: entry.revision.text,
    spoiler_text: entry.revision.spoiler_text,
  };
}
