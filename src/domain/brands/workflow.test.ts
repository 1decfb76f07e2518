import { describe, expect, it } from 'vitest';
import {
  progress,
  requiredSteps,
  SCREENING_REVIEW_STEP_ID,
  type ApprovalPolicy,
  type ApprovalStep,
  type Candidate,
} from './workflow.js';

const step = (
  id: string,
  approvers: Partial<ApprovalStep['approvers']>,
  quorum: ApprovalStep['quorum'] = 'any',
  when?: string[],
): ApprovalStep => ({
  id,
  name: id,
  approvers: { people: [], roles: [], departments: [], ...approvers },
  quorum,
  ...(when ? { when: { screeningCategories: when } } : {}),
});

const legal = 7;
const people: Candidate[] = [
  { accountId: 1, roles: ['contributor'], departmentId: null },
  { accountId: 2, roles: ['approver'], departmentId: null },
  { accountId: 3, roles: ['approver'], departmentId: null },
  { accountId: 4, roles: ['approver', 'owner'], departmentId: legal },
  { accountId: 5, roles: [], departmentId: legal },
];

describe('requiredSteps', () => {
  const policy: ApprovalPolicy = {
    steps: [
      step('review', { roles: ['approver'] }),
      step('legal', { departments: [legal] }, 'any', ['confidential', 'personal']),
    ],
  };

  it('leaves out a conditional step when screening found nothing of its categories', () => {
    expect(requiredSteps(policy, { action: 'allow', categories: [] }).map((s) => s.id)).toEqual(['review']);
    expect(requiredSteps(policy, { action: 'warn', categories: ['offensive'] }).map((s) => s.id)).toEqual([
      'review',
    ]);
  });

  it('adds the conditional step when screening found its category, and a screening review for `review`', () => {
    expect(requiredSteps(policy, { action: 'review', categories: ['personal'] }).map((s) => s.id)).toEqual([
      'review',
      'legal',
      SCREENING_REVIEW_STEP_ID,
    ]);
  });
});

describe('progress', () => {
  it('needs one approver for `any`, every eligible non-author for `all`, N for a number', () => {
    const any = progress([step('s', { roles: ['approver'] })], [{ accountId: 2, stepId: 's' }], [1], people);
    expect(any.complete).toBe(true);
    const all = progress(
      [step('s', { roles: ['approver'] }, 'all')],
      [{ accountId: 2, stepId: 's' }],
      [1],
      people,
    );
    expect(all.complete).toBe(false);
    expect(all.current?.needed).toBe(3);
    const two = progress(
      [step('s', { roles: ['approver'] }, 2)],
      [
        { accountId: 2, stepId: 's' },
        { accountId: 3, stepId: 's' },
      ],
      [1],
      people,
    );
    expect(two.complete).toBe(true);
  });

  it('never counts the author, even as an eligible approver', () => {
    const result = progress(
      [step('s', { roles: ['approver'] })],
      [{ accountId: 2, stepId: 's' }],
      [2],
      people,
    );
    expect(result.complete).toBe(false);
    expect(result.current?.eligible).not.toContain(2);
  });

  it('counts one person once per draft: an approval on one step does not make them eligible for the next', () => {
    const steps = [step('first', { roles: ['approver'] }), step('legal', { departments: [legal] })];
    const result = progress(steps, [{ accountId: 4, stepId: 'first' }], [1], people);
    expect(result.steps[0]!.satisfied).toBe(true);
    expect(result.current?.step.id).toBe('legal');
    expect(result.current?.eligible).toEqual([5]);
  });

  it('stops counting an approval whose giver lost the role', () => {
    const without = people.filter((p) => p.accountId !== 2);
    expect(
      progress([step('s', { roles: ['approver'] })], [{ accountId: 2, stepId: 's' }], [1], without).complete,
    ).toBe(false);
  });

  it('blocks rather than passes a step nobody can approve', () => {
    expect(progress([step('s', { people: [1] }, 'all')], [], [1], people).complete).toBe(false);
  });
});
