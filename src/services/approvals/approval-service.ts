/**
 * Approving and rejecting brand drafts. Four-eyes: the author (and the editor of the current
 * revision) never approves; one person's approval counts once per submission, on the step that
 * was waiting when they gave it. Rejection sends the draft back with a comment.
 */
import { newId } from '../../domain/ids.js';
import {
  approve as decideApprove,
  currentProgress,
  reject as decideReject,
} from '../../domain/brands/draft-machine.js';
import type { Audit } from '../audit/audit-service.js';
import type { Viewer } from '../auth/viewer.js';
import type { DraftTransactions, TransitionContext } from '../drafts/draft-transaction.js';
import type { BrandNotices } from '../outbox/notices.js';

export class Approvals {
  constructor(
    private readonly transactions: DraftTransactions,
    private readonly audit: Audit,
    private readonly notices: BrandNotices,
  ) {}

  async approve(viewer: Viewer, brandId: number, draftId: number): Promise<void> {
    await this.transactions.run(viewer, brandId, draftId, async (c) => {
      const decision = decideApprove(c.facts, c.actor, c.brandFacts, c.candidates);
      const now = Date.now();
      await c.tx.db
        .insertInto('brand_approvals')
        .values({
          id: newId(now),
          draft_id: draftId,
          submission: c.draft.submission,
          revision_id: c.draft.revision_id,
          step_id: decision.stepId,
          account_id: viewer.accountId,
          created_at: now,
        })
        .execute();
      await c.tx.db
        .updateTable('brand_drafts')
        .set({ state: decision.state, updated_at: now })
        .where('id', '=', draftId)
        .execute();
      await this.record(
        c,
        'draft.approve',
        { state: c.draft.state },
        { state: decision.state, step: decision.stepId, submission: c.draft.submission },
      );
      const approvals = [...c.facts.approvals, { accountId: viewer.accountId, stepId: decision.stepId }];
      const next = currentProgress({ ...c.facts, approvals }, c.candidates).current;
      if (next && next.step.id !== decision.stepId) {
        await this.notices.reviewWaiting(
          c.tx,
          c.brand,
          draftId,
          next.eligible.filter((id) => !next.approvedBy.includes(id)),
          next.step.name,
        );
      }
      if (decision.state === 'approved') {
        await this.notices.draftMoved(c.tx, c.brand, draftId, [c.draft.author_account_id], 'approved');
      }
    });
  }

  async reject(viewer: Viewer, brandId: number, draftId: number, comment: string): Promise<void> {
    await this.transactions.run(viewer, brandId, draftId, async (c) => {
      decideReject(c.facts, c.actor, c.brandFacts, comment);
      const now = Date.now();
      await c.tx.db
        .updateTable('brand_drafts')
        .set({
          state: 'draft',
          send_at: null,
          scheduled_for: null,
          scheduled_by: null,
          pause_override: 0,
          updated_at: now,
        })
        .where('id', '=', draftId)
        .execute();
      await c.tx.db
        .insertInto('brand_draft_comments')
        .values({
          id: newId(now),
          draft_id: draftId,
          revision_id: c.draft.revision_id,
          account_id: viewer.accountId,
          kind: 'rejection',
          body: comment.trim(),
          created_at: now,
        })
        .execute();
      await this.record(c, 'draft.reject', { state: c.draft.state }, { state: 'draft' }, comment.trim());
      await this.notices.draftMoved(
        c.tx,
        c.brand,
        draftId,
        [c.draft.author_account_id, c.revision.editor_account_id],
        'rejected with a comment',
      );
    });
  }

  private async record(
    c: TransitionContext,
    action: string,
    before: unknown,
    after: unknown,
    reason: string | null = null,
  ): Promise<void> {
    await this.audit.record(c.tx, {
      actorAccountId: c.actor.accountId,
      action,
      subjectType: 'draft',
      subjectId: c.draft.id,
      brandId: c.brand.id,
      before,
      after,
      reason,
    });
  }
}
