/** The typed refusals of the brand workflow; services turn them into HTTP answers. */

export type WorkflowErrorCode =
  /** The draft is not in a state where this can happen. */
  | 'invalid_state'
  /** The actor lacks the brand role the action needs. */
  | 'role_required'
  /** The author (or the editor of the current revision) may not approve it. */
  | 'four_eyes'
  /** This person's approval already counts for this submission. */
  | 'already_approved'
  /** The actor is not among the approvers of the step waiting for approval. */
  | 'not_eligible'
  /** Publishing is paused. */
  | 'paused'
  /** Publishing is not paused, so there is no glass to break. */
  | 'not_paused'
  /** Members of external brands need two-factor sign-in to act. */
  | 'two_factor_required'
  /** The second confirmation must come from a different person. */
  | 'same_person'
  | 'comment_required'
  | 'reason_required';

export class WorkflowError extends Error {
  override name = 'WorkflowError';
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
  ) {
    super(message);
  }
}
