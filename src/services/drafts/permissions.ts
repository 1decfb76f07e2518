/**
 * What the viewer may do with a draft right now, so the web app never guesses: each answer is the
 * state machine itself, asked in a dry run.
 */
import {
  approve,
  confirmBreakGlass,
  edit,
  recall,
  reject,
  requestBreakGlass,
  retract,
  schedule,
  submit,
  type DraftFacts,
} from '../../domain/brands/draft-machine.js';
import type { BrandActor, BrandFacts } from '../../domain/brands/roles.js';
import type { Candidate } from '../../domain/brands/workflow.js';
import type { BrandRecord } from '../brands/brand-store.js';
import type { DraftRow } from './draft-store.js';

export interface DraftPermissions {
  edit: boolean;
  submit: boolean;
  approve: boolean;
  reject: boolean;
  schedule: boolean;
  recall: boolean;
  retract: boolean;
  breakGlass: boolean;
  confirmBreakGlass: boolean;
}

export function draftPermissions(input: {
  draft: DraftRow;
  facts: DraftFacts;
  actor: BrandActor;
  brand: BrandRecord;
  brandFacts: BrandFacts;
  candidates: readonly Candidate[];
  now: number;
}): DraftPermissions {
  const { draft, facts, actor, brand, brandFacts, candidates, now } = input;
  const allowed = (fn: () => unknown) => {
    try {
      fn();
      return true;
    } catch {
      return false;
    }
  };
  return {
    edit: allowed(() => edit(facts, actor, brandFacts)),
    submit: allowed(() =>
      submit(facts, actor, brandFacts, { action: 'allow', categories: [] }, brand.workflow, candidates),
    ),
    approve: allowed(() => approve(facts, actor, brandFacts, candidates)),
    reject: allowed(() => reject(facts, actor, brandFacts, 'reason')),
    schedule: allowed(() => schedule(facts, actor, brandFacts, null, now, 0)),
    recall: allowed(() => recall(facts, actor, brandFacts)),
    retract: allowed(() => retract(facts, actor, brandFacts)),
    breakGlass: allowed(() => requestBreakGlass(facts, actor, brandFacts, 'reason')),
    confirmBreakGlass:
      draft.break_glass_requested_by !== null &&
      draft.break_glass_confirmed_by === null &&
      allowed(() => confirmBreakGlass(facts, actor, brandFacts, draft.break_glass_requested_by, now)),
  };
}
