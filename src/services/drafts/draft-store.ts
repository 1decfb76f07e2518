/**
 * Reading brand drafts, their revisions and approvals, and turning them into the facts the
 * state machine decides on. `lock` takes the draft's row lock on PostgreSQL so two transitions
 * of one draft never interleave (SQLite serialises transactions anyway).
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { BrandDraftRevisionTable, BrandDraftTable } from '../../db/schema.js';
import { NotFoundError } from '../../domain/errors.js';
import type { DraftFacts } from '../../domain/brands/draft-machine.js';
import type { Approval, ScreeningSummary } from '../../domain/brands/workflow.js';
import { parseWorkflow } from '../brands/brand-store.js';

export type DraftRow = Selectable<BrandDraftTable>;
export type RevisionRow = Selectable<BrandDraftRevisionTable>;

export interface StoredScreening {
  /** When it ran: on submit, at the moment of sending, or just before a delivery. */
  phase: 'submit' | 'send' | 'deliver';
  action: ScreeningSummary['action'];
  findings: Array<{
    rule: string;
    category: string;
    action: string;
    message: string;
    field: string;
    start: number;
    end: number;
    excerpt: string;
    suggestion?: string | undefined;
  }>;
  policyVersion: number;
  at: number;
}

export async function findDraft(
  db: Database,
  id: number,
  options: { lock?: boolean } = {},
): Promise<DraftRow | null> {
  let query = db.db.selectFrom('brand_drafts').selectAll().where('id', '=', id);
  if (options.lock && db.dialect === 'postgres') query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** The draft in this brand, or 404. */
export async function draftIn(
  db: Database,
  brandId: number,
  id: number,
  options: { lock?: boolean } = {},
): Promise<DraftRow> {
  const row = await findDraft(db, id, options);
  if (!row || row.brand_id !== brandId) throw new NotFoundError('Draft');
  return row;
}

export async function revision(db: Database, id: number): Promise<RevisionRow> {
  return db.db.selectFrom('brand_draft_revisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function approvalsOf(
  db: Database,
  draft: Pick<DraftRow, 'id' | 'submission'>,
): Promise<Approval[]> {
  const rows = await db.db
    .selectFrom('brand_approvals')
    .select(['account_id', 'step_id'])
    .where('draft_id', '=', draft.id)
    .where('submission', '=', draft.submission)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ accountId: r.account_id, stepId: r.step_id }));
}

export function screeningSummary(draft: Pick<DraftRow, 'screening_summary'>): ScreeningSummary | null {
  return draft.screening_summary ? (JSON.parse(draft.screening_summary) as ScreeningSummary) : null;
}

export function storedScreening(draft: Pick<DraftRow, 'screening'>): StoredScreening | null {
  return draft.screening ? (JSON.parse(draft.screening) as StoredScreening) : null;
}

export function authorsOf(draft: DraftRow, current: RevisionRow): number[] {
  return [...new Set([draft.author_account_id, current.editor_account_id])];
}

export async function draftFacts(
  db: Database,
  draft: DraftRow,
): Promise<{ facts: DraftFacts; revision: RevisionRow }> {
  const [current, approvals] = await Promise.all([revision(db, draft.revision_id), approvalsOf(db, draft)]);
  return {
    revision: current,
    facts: {
      state: draft.state,
      authors: authorsOf(draft, current),
      workflow: parseWorkflow(draft.workflow),
      screening: screeningSummary(draft),
      approvals,
      sendAt: draft.send_at,
      pauseOverride:
        draft.pause_override === 1 &&
        draft.break_glass_requested_by !== null &&
        draft.break_glass_confirmed_by !== null
          ? { requestedBy: draft.break_glass_requested_by, confirmedBy: draft.break_glass_confirmed_by }
          : null,
    },
  };
}
