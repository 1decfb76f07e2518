/**
 * The brand draft state machine. Every change of state is one of these pure functions: given the
 * draft's facts, the actor and the brand, it returns the next state or throws a WorkflowError.
 * Services persist the result and write an audit row in the same transaction.
 *
 *   draft → submitted → in_review → approved → scheduled → sending → published → retracted
 *   reject: submitted | in_review | approved → draft (with a comment)
 *   recall: scheduled → draft (the publisher pulls it back before it leaves)
 *   edit:   submitted … scheduled → a new revision, approvals reset, submitted again
 *   dispatch (when due): scheduled → sending, or waits while paused, or back to draft when the
 *   final screening blocks, or back to review when it requires more approval.
 *   complete: sending → published once every destination has it; blockBeforeDelivery: sending →
 *   draft when screening blocks it before anything reached the public.
 */
import { WorkflowError } from './errors.js';
import { can, needsTwoFactor, type BrandAction, type BrandActor, type BrandFacts } from './roles.js';
import {
  mergeScreening,
  progress,
  requiredSteps,
  isEligible,
  type ApprovalPolicy,
  type Approval,
  type ApprovalStep,
  type Candidate,
  type Progress,
  type ScreeningSummary,
} from './workflow.js';

export const DRAFT_STATES = [
  'draft',
  'submitted',
  'in_review',
  'approved',
  'scheduled',
  'sending',
  'published',
  'retracted',
] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

export interface BreakGlass {
  requestedBy: number;
  confirmedBy: number;
}

export interface DraftFacts {
  state: DraftState;
  /** The draft's creator and the editor of its current revision: neither may approve it. */
  authors: readonly number[];
  /** The approval policy taken when the draft was submitted. */
  workflow: ApprovalPolicy;
  /** Every screening of this submission, merged. */
  screening: ScreeningSummary | null;
  /** Approvals of the current submission. */
  approvals: readonly Approval[];
  sendAt: number | null;
  /** A break-glass send confirmed by two people: this draft may leave during a pause (while both still may break glass). */
  pauseOverride: BreakGlass | null;
}

/** Checks role, two-factor sign-in and state together; the order decides which refusal is shown. */
export function authorize(
  actor: BrandActor,
  action: BrandAction,
  brand: BrandFacts,
  state?: { current: DraftState; allowed: readonly DraftState[] },
): void {
  if (!can(actor, action, brand))
    throw new WorkflowError('role_required', `This needs the ${roleFor(action)} role`);
  if (needsTwoFactor(actor, action, brand)) {
    throw new WorkflowError(
      'two_factor_required',
      'This brand publishes externally: enable two-factor sign-in to act on it',
    );
  }
  if (state && !state.allowed.includes(state.current)) {
    throw new WorkflowError('invalid_state', `Not possible while the draft is ${state.current}`);
  }
}

function roleFor(action: BrandAction): string {
  switch (action) {
    case 'write_draft':
      return 'contributor';
    case 'publish':
      return 'publisher';
    case 'pause':
    case 'resume':
    case 'break_glass':
      return 'owner (or administrator)';
    default:
      return 'owner';
  }
}

export const EDITABLE_STATES: readonly DraftState[] = [
  'draft',
  'submitted',
  'in_review',
  'approved',
  'scheduled',
];

/** A new revision. Outside `draft` it resets approvals and the draft is submitted again. */
export function edit(
  draft: DraftFacts,
  actor: BrandActor,
  brand: BrandFacts,
): { state: 'draft'; resubmit: boolean } {
  authorize(actor, 'write_draft', brand, { current: draft.state, allowed: EDITABLE_STATES });
  return { state: 'draft', resubmit: draft.state !== 'draft' };
}

export type SubmitResult =
  | { state: 'draft'; blocked: true }
  | { state: 'submitted' | 'approved'; blocked: false; steps: ApprovalStep[] };

/**
 * Submits for approval under the brand's current policy. A blocking screening keeps it a draft;
 * `resubmit` is the service submitting again after an edit (the actor was checked by `edit`).
 */
export function submit(
  draft: DraftFacts,
  actor: BrandActor,
  brand: BrandFacts,
  screening: ScreeningSummary,
  policy: ApprovalPolicy,
  candidates: readonly Candidate[],
): SubmitResult {
  authorize(actor, 'write_draft', brand, { current: draft.state, allowed: ['draft'] });
  if (screening.action === 'block') return { state: 'draft', blocked: true };
  const steps = requiredSteps(policy, screening);
  const state = progress(steps, [], draft.authors, candidates).complete ? 'approved' : 'submitted';
  return { state, blocked: false, steps };
}

export function currentProgress(draft: DraftFacts, candidates: readonly Candidate[]): Progress {
  return progress(requiredSteps(draft.workflow, draft.screening), draft.approvals, draft.authors, candidates);
}

/** Records one approval on the step waiting for it. */
export function approve(
  draft: DraftFacts,
  actor: BrandActor,
  brand: BrandFacts,
  candidates: readonly Candidate[],
): { state: 'in_review' | 'approved'; stepId: string } {
  if (needsTwoFactor(actor, 'comment', brand)) {
    throw new WorkflowError(
      'two_factor_required',
      'This brand publishes externally: enable two-factor sign-in to act on it',
    );
  }
  if (draft.state !== 'submitted' && draft.state !== 'in_review') {
    throw new WorkflowError('invalid_state', `Not possible while the draft is ${draft.state}`);
  }
  if (draft.authors.includes(actor.accountId)) {
    throw new WorkflowError('four_eyes', 'Authors may not approve their own draft');
  }
  if (draft.approvals.some((a) => a.accountId === actor.accountId)) {
    throw new WorkflowError('already_approved', 'Your approval already counts for this draft');
  }
  const before = currentProgress(draft, candidates);
  const step = before.current;
  if (!step) throw new WorkflowError('invalid_state', 'Nothing is waiting for approval');
  const self: Candidate = {
    accountId: actor.accountId,
    roles: [...actor.roles],
    departmentId: actor.departmentId,
  };
  if (!isEligible(step.step, self)) {
    throw new WorkflowError('not_eligible', `You are not an approver of the step "${step.step.name}"`);
  }
  const approvals = [...draft.approvals, { accountId: actor.accountId, stepId: step.step.id }];
  // The actor is counted even if the caller's candidate list missed them.
  const withSelf = candidates.some((c) => c.accountId === actor.accountId)
    ? candidates
    : [...candidates, self];
  const after = currentProgress({ ...draft, approvals }, withSelf);
  return { state: after.complete ? 'approved' : 'in_review', stepId: step.step.id };
}

/** Any approver of a required step, or an owner, may send it back with a comment. */
export function reject(
  draft: DraftFacts,
  actor: BrandActor,
  brand: BrandFacts,
  comment: string,
): { state: 'draft' } {
  if (needsTwoFactor(actor, 'comment', brand)) {
    throw new WorkflowError(
      'two_factor_required',
      'This brand publishes externally: enable two-factor sign-in to act on it',
    );
  }
  if (!['submitted', 'in_review', 'approved'].includes(draft.state)) {
    throw new WorkflowError('invalid_state', `Not possible while the draft is ${draft.state}`);
  }
  if (draft.authors.includes(actor.accountId)) {
    throw new WorkflowError('four_eyes', 'Authors withdraw their draft by editing it, not by rejecting it');
  }
  const self: Candidate = {
    accountId: actor.accountId,
    roles: [...actor.roles],
    departmentId: actor.departmentId,
  };
  const steps = requiredSteps(draft.workflow, draft.screening);
  if (!actor.roles.has('owner') && !steps.some((step) => isEligible(step, self))) {
    throw new WorkflowError('not_eligible', 'Only approvers of this draft or owners may reject it');
  }
  if (comment.trim() === '') throw new WorkflowError('comment_required', 'Say why it is rejected');
  return { state: 'draft' };
}

/** Schedules an approved draft; nothing leaves before the brand's undo window has passed. */
export function schedule(
  draft: DraftFacts,
  actor: BrandActor,
  brand: BrandFacts,
  at: number | null,
  now: number,
  undoWindowMs: number,
): { state: 'scheduled'; sendAt: number } {
  authorize(actor, 'publish', brand, { current: draft.state, allowed: ['approved'] });
  return { state: 'scheduled', sendAt: Math.max(at ?? now, now + undoWindowMs) };
}

/** Pulls a scheduled post back before it leaves: it becomes a draft again and needs new approval. */
export function recall(draft: DraftFacts, actor: BrandActor, brand: BrandFacts): { state: 'draft' } {
  authorize(actor, 'publish', brand, { current: draft.state, allowed: ['scheduled'] });
  return { state: 'draft' };
}

export type DispatchResult =
  /** Not scheduled (recalled, edited) or rescheduled: nothing to do. */
  | { outcome: 'skip' }
  /** Paused: it waits and goes after resume, screened again then. */
  | { outcome: 'wait' }
  | { outcome: 'blocked'; state: 'draft'; screening: ScreeningSummary }
  /** The final screening added steps that are not yet approved. */
  | { outcome: 'needs_review'; state: 'in_review'; screening: ScreeningSummary }
  | { outcome: 'send'; state: 'sending'; screening: ScreeningSummary };

/**
 * The moment before sending. Runs when a scheduled draft is due; `finalScreening` is the screening
 * under the policy in force now. The only transition that lets a post leave. `glassHolders` are
 * the people who may break the glass now (the brand's owners and the admins): a break-glass send
 * goes during a pause only while both of its people still are.
 */
export function dispatch(
  draft: DraftFacts,
  brand: Pick<BrandFacts, 'paused'>,
  finalScreening: ScreeningSummary,
  candidates: readonly Candidate[],
  now: number,
  glassHolders: ReadonlySet<number> = new Set(),
): DispatchResult {
  if (draft.state !== 'scheduled' || draft.sendAt === null || draft.sendAt > now) return { outcome: 'skip' };
  if (brand.paused && !glassHolds(draft.pauseOverride, glassHolders)) return { outcome: 'wait' };
  const screening = mergeScreening(draft.screening, finalScreening)!;
  if (finalScreening.action === 'block') return { outcome: 'blocked', state: 'draft', screening };
  const after = currentProgress({ ...draft, screening }, candidates);
  if (!after.complete) return { outcome: 'needs_review', state: 'in_review', screening };
  return { outcome: 'send', state: 'sending', screening };
}

function glassHolds(glass: BreakGlass | null, holders: ReadonlySet<number>): boolean {
  return (
    glass !== null &&
    glass.requestedBy !== glass.confirmedBy &&
    holders.has(glass.requestedBy) &&
    holders.has(glass.confirmedBy)
  );
}

/** Every destination has the post. */
export function complete(
  draft: Pick<DraftFacts, 'state'>,
  outstanding: number,
): { state: 'published' } | null {
  if (draft.state !== 'sending')
    throw new WorkflowError('invalid_state', `Not possible while the draft is ${draft.state}`);
  return outstanding === 0 ? { state: 'published' } : null;
}

/**
 * Screening blocked the post just before an external delivery. If nothing has reached the public
 * yet, the whole post goes back to its authors; otherwise only what has not left is stopped.
 */
export function blockBeforeDelivery(
  draft: Pick<DraftFacts, 'state'>,
  deliveredExternally: boolean,
): { state: 'draft' } | null {
  return draft.state === 'sending' && !deliveredExternally ? { state: 'draft' } : null;
}

/** Deletes a post that has left: at every destination it reached. */
export function retract(draft: DraftFacts, actor: BrandActor, brand: BrandFacts): { state: 'retracted' } {
  authorize(actor, 'publish', brand, { current: draft.state, allowed: ['sending', 'published'] });
  return { state: 'retracted' };
}

/** The first of two people asks to send one post during a pause. */
export function requestBreakGlass(
  draft: DraftFacts,
  actor: BrandActor,
  brand: BrandFacts,
  reason: string,
): void {
  authorize(actor, 'break_glass', brand, { current: draft.state, allowed: ['approved', 'scheduled'] });
  if (!brand.paused)
    throw new WorkflowError('not_paused', 'Publishing is not paused; schedule the post instead');
  if (reason.trim() === '')
    throw new WorkflowError('reason_required', 'Say why this post must go out during the pause');
}

/** A second, different person confirms: the post is scheduled to go now despite the pause. */
export function confirmBreakGlass(
  draft: DraftFacts,
  actor: BrandActor,
  brand: BrandFacts,
  requestedBy: number | null,
  now: number,
): { state: 'scheduled'; sendAt: number; pauseOverride: BreakGlass } {
  authorize(actor, 'break_glass', brand, { current: draft.state, allowed: ['approved', 'scheduled'] });
  if (requestedBy === null)
    throw new WorkflowError('invalid_state', 'Nobody asked to break the glass for this post');
  if (requestedBy === actor.accountId) {
    throw new WorkflowError('same_person', 'A second person must confirm a break-glass send');
  }
  if (!brand.paused)
    throw new WorkflowError('not_paused', 'Publishing is not paused; schedule the post instead');
  return { state: 'scheduled', sendAt: now, pauseOverride: { requestedBy, confirmedBy: actor.accountId } };
}
