/**
 * Approval policies: ordered steps, each naming its approvers (people, brand roles, departments)
 * and a quorum; a step may join only when screening found certain categories. Progress is
 * computed from the approvals of one submission, counting each person once per draft.
 */
import type { BrandRole } from './roles.js';

export type Quorum = 'any' | 'all' | number;

export interface ApprovalStep {
  /** Stable within a policy: approvals are recorded against it. */
  id: string;
  name: string;
  approvers: {
    people: readonly number[];
    roles: readonly BrandRole[];
    departments: readonly number[];
  };
  quorum: Quorum;
  /** A conditional step joins only when screening found one of these categories. */
  when?: { screeningCategories: readonly string[] } | undefined;
}

export interface ApprovalPolicy {
  steps: readonly ApprovalStep[];
}

/** What screening concluded, reduced to what the workflow needs. */
export interface ScreeningSummary {
  action: 'allow' | 'warn' | 'review' | 'block';
  categories: readonly string[];
}

export interface Approval {
  accountId: number;
  stepId: string;
}

/** Someone who could approve: their roles in the brand and their department. */
export interface Candidate {
  accountId: number;
  roles: readonly BrandRole[];
  departmentId: number | null;
}

export const SCREENING_REVIEW_STEP_ID = 'screening-review';

/** Added when screening asks for review: owners or approvers look at the findings. */
export const SCREENING_REVIEW_STEP: ApprovalStep = {
  id: SCREENING_REVIEW_STEP_ID,
  name: 'Screening review',
  approvers: { people: [], roles: ['owner', 'approver'], departments: [] },
  quorum: 'any',
};

export function defaultApprovalPolicy(): ApprovalPolicy {
  return {
    steps: [
      {
        id: 'review',
        name: 'Review',
        approvers: { people: [], roles: ['approver'], departments: [] },
        quorum: 'any',
      },
    ],
  };
}

const ACTION_RANK = { allow: 0, warn: 1, review: 2, block: 3 } as const;

/** Two screenings of the same submission together: the stricter action, every category. */
export function mergeScreening(
  a: ScreeningSummary | null,
  b: ScreeningSummary | null,
): ScreeningSummary | null {
  if (!a) return b;
  if (!b) return a;
  return {
    action: ACTION_RANK[a.action] >= ACTION_RANK[b.action] ? a.action : b.action,
    categories: [...new Set([...a.categories, ...b.categories])].sort(),
  };
}

/** The steps a submission must pass, in order: unconditional ones, those screening triggered, then screening review. */
export function requiredSteps(policy: ApprovalPolicy, screening: ScreeningSummary | null): ApprovalStep[] {
  const found = new Set(screening?.categories ?? []);
  const steps = policy.steps.filter(
    (step) => !step.when || step.when.screeningCategories.some((category) => found.has(category)),
  );
  if (screening?.action === 'review' && !steps.some((s) => s.id === SCREENING_REVIEW_STEP_ID)) {
    steps.push(SCREENING_REVIEW_STEP);
  }
  return steps;
}

export function isEligible(step: ApprovalStep, person: Candidate): boolean {
  return (
    step.approvers.people.includes(person.accountId) ||
    person.roles.some((role) => step.approvers.roles.includes(role)) ||
    (person.departmentId !== null && step.approvers.departments.includes(person.departmentId))
  );
}

export interface StepProgress {
  step: ApprovalStep;
  /** People who could still approve this step (not authors, not counted on another step). */
  eligible: number[];
  approvedBy: number[];
  needed: number;
  satisfied: boolean;
}

export interface Progress {
  steps: StepProgress[];
  /** The first step not yet satisfied: the one approvals go to. Null when every step is satisfied. */
  current: StepProgress | null;
  complete: boolean;
}

/**
 * Where a submission stands. Steps are passed in order. An approval counts only on the step it
 * was given for and only while its giver is still eligible for it (a revoked role revokes the
 * approval); a person whose approval counted on one step is not eligible for another.
 */
export function progress(
  steps: readonly ApprovalStep[],
  approvals: readonly Approval[],
  authors: readonly number[],
  candidates: readonly Candidate[],
): Progress {
  const byPerson = new Map<number, string>();
  for (const approval of approvals)
    if (!byPerson.has(approval.accountId)) byPerson.set(approval.accountId, approval.stepId);
  const result: StepProgress[] = [];
  let current: StepProgress | null = null;
  for (const step of steps) {
    const eligible = candidates
      .filter((c) => isEligible(step, c) && !authors.includes(c.accountId))
      .filter((c) => {
        const counted = byPerson.get(c.accountId);
        return counted === undefined || counted === step.id;
      })
      .map((c) => c.accountId);
    const approvedBy = eligible.filter((id) => byPerson.get(id) === step.id);
    const needed = quorumSize(step.quorum, eligible.length);
    const entry: StepProgress = {
      step,
      eligible,
      approvedBy,
      needed,
      satisfied: approvedBy.length >= needed,
    };
    result.push(entry);
    if (!entry.satisfied && current === null) current = entry;
  }
  return { steps: result, current, complete: current === null };
}

/** `all` of nobody is never satisfied: a step nobody can approve blocks rather than passes. */
function quorumSize(quorum: Quorum, eligible: number): number {
  if (quorum === 'any') return 1;
  if (quorum === 'all') return Math.max(1, eligible);
  return Math.max(1, quorum);
}
