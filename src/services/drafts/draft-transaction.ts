/**
 * The frame every draft transition runs in: load what lives outside the transaction first (the
 * viewer's department and two-factor state, who could approve), then in one transaction lock the
 * brand and the draft, build the facts the state machine decides on, and let the transition write
 * its change and its audit row.
 */
import type { Database } from '../../db/database.js';
import type { DraftFacts } from '../../domain/brands/draft-machine.js';
import type { BrandActor, BrandFacts } from '../../domain/brands/roles.js';
import { SCREENING_REVIEW_STEP, type Candidate } from '../../domain/brands/workflow.js';
import type { CandidateResolver } from '../approvals/candidates.js';
import type { Viewer } from '../auth/viewer.js';
import { workflowStep, type BrandAccess } from '../brands/brand-access.js';
import { parseWorkflow, type BrandRecord } from '../brands/brand-store.js';
import { draftFacts, draftIn, type DraftRow, type RevisionRow } from './draft-store.js';

export interface TransitionContext {
  tx: Database;
  brand: BrandRecord;
  actor: BrandActor;
  brandFacts: BrandFacts;
  draft: DraftRow;
  facts: DraftFacts;
  revision: RevisionRow;
  candidates: Candidate[];
}

export class DraftTransactions {
  constructor(
    private readonly database: Database,
    private readonly access: BrandAccess,
    private readonly candidates: CandidateResolver,
  ) {}

  async run<T>(
    viewer: Viewer,
    brandId: number,
    draftId: number,
    fn: (c: TransitionContext) => Promise<T>,
  ): Promise<T> {
    const person = await this.access.person(viewer);
    const { brand: current } = await this.access.load(viewer, brandId);
    const before = await draftIn(this.database, brandId, draftId);
    const steps = [...current.workflow.steps, ...parseWorkflow(before.workflow).steps, SCREENING_REVIEW_STEP];
    const prepared = await this.candidates.prepare(brandId, steps);
    return workflowStep(() =>
      this.database.transaction(async (tx) => {
        const {
          brand,
          actor,
          facts: brandFacts,
        } = await this.access.load(viewer, brandId, tx, { lock: true, person });
        const draft = await draftIn(tx, brandId, draftId, { lock: true });
        const { facts, revision } = await draftFacts(tx, draft);
        const candidates = await this.candidates.resolve(tx, brandId, prepared);
        return fn({ tx, brand, actor, brandFacts, draft, facts, revision, candidates });
      }),
    );
  }
}
