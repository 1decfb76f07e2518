import { describe, expect, it } from 'vitest';
import {
  approve,
  blockBeforeDelivery,
  complete,
  confirmBreakGlass,
  dispatch,
  edit,
  recall,
  reject,
  requestBreakGlass,
  schedule,
  submit,
  type DraftFacts,
} from './draft-machine.js';
import { WorkflowError } from './errors.js';
import type { BrandActor, BrandFacts, BrandRole } from './roles.js';
import { defaultApprovalPolicy, type Candidate } from './workflow.js';

const actor = (accountId: number, roles: BrandRole[], extra: Partial<BrandActor> = {}): BrandActor => ({
  accountId,
  roles: new Set(roles),
  admin: false,
  twoFactor: true,
  departmentId: null,
  ...extra,
});
const brand: BrandFacts = {
  external: true,
  requireTwoFactor: true,
  paused: false,
  workflowPeople: [],
  workflowDepartments: [],
};
const author = actor(1, ['contributor']);
const approver = actor(2, ['approver']);
const publisher = actor(3, ['publisher']);
const owner = actor(4, ['owner']);
const candidates: Candidate[] = [author, approver, publisher, owner].map((a) => ({
  accountId: a.accountId,
  roles: [...a.roles],
  departmentId: null,
}));
const clean = { action: 'allow' as const, categories: [] };

const draft = (over: Partial<DraftFacts> = {}): DraftFacts => ({
  state: 'draft',
  authors: [1],
  workflow: defaultApprovalPolicy(),
  screening: clean,
  approvals: [],
  sendAt: null,
  pauseOverride: null,
  ...over,
});

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof WorkflowError) return error.code;
    throw error;
  }
  return 'ok';
};

describe('the draft state machine', () => {
  it('submits a clean draft and keeps a blocked one a draft', () => {
    expect(submit(draft(), author, brand, clean, defaultApprovalPolicy(), candidates)).toMatchObject({
      state: 'submitted',
      blocked: false,
    });
    expect(
      submit(
        draft(),
        author,
        brand,
        { action: 'block', categories: ['offensive'] },
        defaultApprovalPolicy(),
        candidates,
      ),
    ).toEqual({ state: 'draft', blocked: true });
    expect(code(() => submit(draft(), approver, brand, clean, defaultApprovalPolicy(), candidates))).toBe(
      'role_required',
    );
  });

  it('refuses four-eyes violations, double approval and people outside the step', () => {
    const submitted = draft({ state: 'submitted', authors: [1, 2] });
    expect(code(() => approve(submitted, approver, brand, candidates))).toBe('four_eyes');
    const other = draft({
      state: 'in_review',
      approvals: [{ accountId: 2, stepId: 'x' }],
      workflow: { steps: [] },
    });
    expect(code(() => approve(other, approver, brand, candidates))).toBe('already_approved');
    expect(code(() => approve(draft({ state: 'submitted' }), publisher, brand, candidates))).toBe(
      'not_eligible',
    );
    expect(approve(draft({ state: 'submitted' }), approver, brand, candidates)).toEqual({
      state: 'approved',
      stepId: 'review',
    });
  });

  it('requires two-factor sign-in on external brands, except to pause', () => {
    const noTwoFactor = actor(2, ['approver'], { twoFactor: false });
    expect(code(() => approve(draft({ state: 'submitted' }), noTwoFactor, brand, candidates))).toBe(
      'two_factor_required',
    );
    expect(
      code(() =>
        approve(
          draft({ state: 'submitted' }),
          noTwoFactor,
          { ...brand, requireTwoFactor: false },
          candidates,
        ),
      ),
    ).toBe('ok');
  });

  it('rejects with a comment only', () => {
    expect(code(() => reject(draft({ state: 'submitted' }), approver, brand, '  '))).toBe('comment_required');
    expect(reject(draft({ state: 'submitted' }), approver, brand, 'Tone it down')).toEqual({
      state: 'draft',
    });
    expect(code(() => reject(draft({ state: 'submitted' }), author, brand, 'mine'))).toBe('four_eyes');
  });

  it('schedules no sooner than the undo window and recalls only before it leaves', () => {
    expect(schedule(draft({ state: 'approved' }), publisher, brand, null, 1000, 60_000)).toEqual({
      state: 'scheduled',
      sendAt: 61_000,
    });
    expect(schedule(draft({ state: 'approved' }), publisher, brand, 500_000, 1000, 60_000).sendAt).toBe(
      500_000,
    );
    expect(code(() => schedule(draft({ state: 'submitted' }), publisher, brand, null, 0, 0))).toBe(
      'invalid_state',
    );
    expect(recall(draft({ state: 'scheduled' }), publisher, brand)).toEqual({ state: 'draft' });
    expect(code(() => recall(draft({ state: 'sending' }), publisher, brand))).toBe('invalid_state');
  });

  it('edits outside draft resubmit', () => {
    expect(edit(draft({ state: 'approved' }), author, brand)).toEqual({ state: 'draft', resubmit: true });
    expect(code(() => edit(draft({ state: 'published' }), author, brand))).toBe('invalid_state');
  });

  it('dispatches only due, approved, clean and unpaused posts', () => {
    const due = draft({ state: 'scheduled', sendAt: 100, approvals: [{ accountId: 2, stepId: 'review' }] });
    expect(dispatch(due, { paused: false }, clean, candidates, 100).outcome).toBe('send');
    expect(dispatch(due, { paused: false }, clean, candidates, 99).outcome).toBe('skip');
    expect(dispatch(due, { paused: true }, clean, candidates, 100).outcome).toBe('wait');
    const glass = { requestedBy: 4, confirmedBy: 9 };
    expect(
      dispatch({ ...due, pauseOverride: glass }, { paused: true }, clean, candidates, 100, new Set([4, 9]))
        .outcome,
    ).toBe('send');
    // Someone who broke the glass and is no longer an owner or admin: it waits like the rest.
    expect(
      dispatch({ ...due, pauseOverride: glass }, { paused: true }, clean, candidates, 100, new Set([9]))
        .outcome,
    ).toBe('wait');
    expect(
      dispatch(due, { paused: false }, { action: 'block', categories: ['crisis'] }, candidates, 100).outcome,
    ).toBe('blocked');
    expect(
      dispatch(due, { paused: false }, { action: 'review', categories: ['crisis'] }, candidates, 100).outcome,
    ).toBe('needs_review');
    expect(dispatch({ ...due, approvals: [] }, { paused: false }, clean, candidates, 100).outcome).toBe(
      'needs_review',
    );
  });

  it('breaks the glass only with two different owners or admins during a pause', () => {
    const paused = { ...brand, paused: true };
    const approved = draft({ state: 'approved' });
    expect(code(() => requestBreakGlass(approved, owner, brand, 'recall notice'))).toBe('not_paused');
    expect(code(() => requestBreakGlass(approved, owner, paused, ''))).toBe('reason_required');
    expect(code(() => requestBreakGlass(approved, publisher, paused, 'x'))).toBe('role_required');
    expect(code(() => confirmBreakGlass(approved, owner, paused, owner.accountId, 0))).toBe('same_person');
    const admin = actor(9, [], { admin: true });
    expect(confirmBreakGlass(approved, admin, paused, owner.accountId, 5)).toEqual({
      state: 'scheduled',
      sendAt: 5,
      pauseOverride: { requestedBy: owner.accountId, confirmedBy: 9 },
    });
  });

  it('completes when every destination has it, and blocks back to draft only before anything left', () => {
    expect(complete({ state: 'sending' }, 0)).toEqual({ state: 'published' });
    expect(complete({ state: 'sending' }, 2)).toBeNull();
    expect(code(() => complete({ state: 'scheduled' }, 0))).toBe('invalid_state');
    expect(blockBeforeDelivery({ state: 'sending' }, false)).toEqual({ state: 'draft' });
    expect(blockBeforeDelivery({ state: 'sending' }, true)).toBeNull();
    expect(blockBeforeDelivery({ state: 'retracted' }, false)).toBeNull();
  });
});
