/**
 * Brand drafts: writing them (contributors), proposing one's own internal post for a brand (any
 * staff member), revisions and their word diffs, the comment thread, submitting, scheduling,
 * recalling, retracting and break-glass sends. Every change of state goes through the pure state
 * machine and writes an audit row in the same transaction. Approving and rejecting live in the
 * approvals service.
 */
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { checkPostText } from '../../domain/text/length.js';
import {
  authorize,
  confirmBreakGlass,
  currentProgress,
  edit as decideEdit,
  recall as decideRecall,
  requestBreakGlass,
  retract as decideRetract,
  schedule as decideSchedule,
  submit as decideSubmit,
  type DraftState,
} from '../../domain/brands/draft-machine.js';
import { canViewBrand } from '../../domain/brands/roles.js';
import { wordDiff, type DiffSegment } from '../../domain/brands/word-diff.js';
import { SCREENING_REVIEW_STEP, type Progress } from '../../domain/brands/workflow.js';
import type { CandidateResolver } from '../approvals/candidates.js';
import type { Audit } from '../audit/audit-service.js';
import type { Viewer } from '../auth/viewer.js';
import { workflowStep, type BrandAccess } from '../brands/brand-access.js';
import { parseWorkflow, type BrandRecord, type BrandStore } from '../brands/brand-store.js';
import type { DeliveryRecord, Outbox } from '../outbox/outbox-service.js';
import type { BrandNotices } from '../outbox/notices.js';
import type { Posts } from '../posts/post-service.js';
import {
  describeFindings,
  screenDraft,
  type DraftScreening,
  type ExternalScreening,
} from './draft-screening.js';
import {
  draftFacts,
  draftIn,
  revision as loadRevision,
  type DraftRow,
  type RevisionRow,
} from './draft-store.js';
import type { DraftTransactions, TransitionContext } from './draft-transaction.js';
import { draftPermissions, type DraftPermissions } from './permissions.js';

export interface DraftText {
  text: string;
  spoilerText?: string;
}

export interface DraftView {
  brand: BrandRecord;
  draft: DraftRow;
  revision: RevisionRow;
  revisionCount: number;
  progress: Progress | null;
  deliveries: DeliveryRecord[];
  permissions: DraftPermissions;
}

export interface CommentView {
  id: number;
  revisionId: number;
  accountId: number | null;
  kind: 'comment' | 'rejection' | 'screening';
  body: string;
  createdAt: number;
}

export interface CalendarEntry {
  brand: BrandRecord;
  draft: DraftRow;
  revision: RevisionRow;
  /** When it goes (scheduled) or went (published). */
  at: number;
}

export interface DraftsDeps {
  config: Pick<Config, 'baseUrl' | 'maxPostLength'>;
  database: Database;
  store: BrandStore;
  access: BrandAccess;
  candidates: CandidateResolver;
  transactions: DraftTransactions;
  screening: ExternalScreening;
  outbox: Outbox;
  audit: Audit;
  notices: BrandNotices;
  posts: Posts;
}

const COMMENT_MAX = 2000;
const CALENDAR_MAX_RANGE = 370 * 24 * 3600 * 1000;

export class Drafts {
  constructor(private readonly deps: DraftsDeps) {}

  async create(viewer: Viewer, brandId: number, input: DraftText): Promise<DraftView> {
    const text = this.checkText(input);
    const person = await this.deps.access.person(viewer);
    const id = await workflowStep(() =>
      this.deps.database.transaction(async (tx) => {
        const { brand, actor, facts } = await this.deps.access.load(viewer, brandId, tx, {
          lock: true,
          person,
        });
        authorize(actor, 'write_draft', facts);
        return this.insertDraft(tx, brand, viewer.accountId, text, null, 'draft.create');
      }),
    );
    return this.get(viewer, brandId, id);
  }

  /** "Propose for @brand": any staff member nominates one of their own posts; it becomes a draft there. */
  async propose(viewer: Viewer, brandId: number, statusId: number): Promise<DraftView> {
    const status = await this.deps.posts.get({ accountId: viewer.accountId, role: viewer.role }, statusId);
    if (status.account_id !== viewer.accountId || status.reblog) throw new NotFoundError('Status');
    const brand = await this.deps.store.find(this.deps.database, brandId);
    if (!brand) throw new NotFoundError('Brand');
    const id = await this.deps.database.transaction((tx) =>
      this.insertDraft(
        tx,
        brand,
        viewer.accountId,
        { text: status.text, spoilerText: status.spoiler_text },
        statusId,
        'draft.propose',
      ),
    );
    return this.get(viewer, brandId, id);
  }

  async list(
    viewer: Viewer,
    brandId: number,
    filter: { states?: DraftState[]; limit?: number } = {},
  ): Promise<DraftView[]> {
    const context = await this.viewContext(viewer, brandId);
    if (!context.visible) throw new NotFoundError('Brand');
    let query = this.deps.database.db.selectFrom('brand_drafts').selectAll().where('brand_id', '=', brandId);
    if (filter.states && filter.states.length > 0) query = query.where('state', 'in', filter.states);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    const deliveries = await this.deps.outbox.deliveriesOf(rows.map((r) => r.id));
    const views: DraftView[] = [];
    for (const draft of rows) views.push(await this.view(context, draft, deliveries.get(draft.id) ?? []));
    return views;
  }

  /** A draft as the viewer may see it: brand members and reviewers, or its author (a proposal). */
  async get(viewer: Viewer, brandId: number, draftId: number): Promise<DraftView> {
    const draft = await draftIn(this.deps.database, brandId, draftId);
    const context = await this.viewContext(viewer, brandId);
    if (!context.visible && draft.author_account_id !== viewer.accountId) throw new NotFoundError('Draft');
    const deliveries = await this.deps.outbox.deliveriesOf([draftId]);
    return this.view(context, draft, deliveries.get(draftId) ?? []);
  }

  /** What presenting any of a brand's drafts to this viewer needs, loaded once. */
  private async viewContext(viewer: Viewer, brandId: number) {
    const { database, access, store } = this.deps;
    const brand = await store.brand(database, brandId);
    const person = await access.person(viewer);
    const actor = await access.actor(person, brandId);
    const brandFacts = await access.facts(brand);
    const steps = [...brand.workflow.steps, SCREENING_REVIEW_STEP];
    const prepared = await this.deps.candidates.prepare(brandId, steps);
    return { brand, actor, brandFacts, prepared, visible: canViewBrand(actor, brandFacts) };
  }

  private async view(
    context: Awaited<ReturnType<Drafts['viewContext']>>,
    draft: DraftRow,
    deliveries: DeliveryRecord[],
  ): Promise<DraftView> {
    const { database } = this.deps;
    const { brand, actor, brandFacts } = context;
    const { facts, revision } = await draftFacts(database, draft);
    // People the draft's own (older) workflow names may differ from the brand's current one.
    const prepared =
      draft.workflow === JSON.stringify(brand.workflow)
        ? context.prepared
        : await this.deps.candidates.prepare(brand.id, [
            ...brand.workflow.steps,
            ...parseWorkflow(draft.workflow).steps,
            SCREENING_REVIEW_STEP,
          ]);
    const candidates = await this.deps.candidates.resolve(database, brand.id, prepared);
    const count = await database.db
      .selectFrom('brand_draft_revisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('draft_id', '=', draft.id)
      .executeTakeFirstOrThrow();
    return {
      brand,
      draft,
      revision,
      revisionCount: Number(count.n),
      progress: draft.state === 'draft' ? null : currentProgress(facts, candidates),
      deliveries,
      permissions: draftPermissions({ draft, facts, actor, brand, brandFacts, candidates, now: Date.now() }),
    };
  }

  /** A new revision. Outside `draft`, approvals reset and it is submitted (and screened) again. */
  async edit(viewer: Viewer, brandId: number, draftId: number, input: DraftText): Promise<DraftView> {
    const text = this.checkText(input);
    const screening = await screenDraft(
      this.deps.screening,
      { text: text.text, spoiler_text: text.spoilerText },
      'submit',
    );
    await this.deps.transactions.run(viewer, brandId, draftId, async (c) => {
      const decision = decideEdit(c.facts, c.actor, c.brandFacts);
      const now = Date.now();
      const number = (
        await c.tx.db
          .selectFrom('brand_draft_revisions')
          .select((eb) => eb.fn.max('number').as('n'))
          .where('draft_id', '=', draftId)
          .executeTakeFirstOrThrow()
      ).n;
      const revisionId = newId(now);
      await c.tx.db
        .insertInto('brand_draft_revisions')
        .values({
          id: revisionId,
          draft_id: draftId,
          number: Number(number ?? 0) + 1,
          text: text.text,
          spoiler_text: text.spoilerText,
          editor_account_id: viewer.accountId,
          created_at: now,
        })
        .execute();
      await c.tx.db
        .updateTable('brand_drafts')
        .set({ revision_id: revisionId, state: 'draft', ...clearedRelease(), updated_at: now })
        .where('id', '=', draftId)
        .execute();
      await this.audit(
        c,
        'draft.edit',
        { state: c.draft.state, revision_id: String(c.draft.revision_id) },
        { state: 'draft', revision_id: String(revisionId) },
      );
      if (decision.resubmit) {
        const edited = await draftIn(c.tx, brandId, draftId);
        const { facts, revision } = await draftFacts(c.tx, edited);
        await this.applySubmission({ ...c, draft: edited, facts, revision }, screening);
      }
    });
    return this.get(viewer, brandId, draftId);
  }

  async submit(viewer: Viewer, brandId: number, draftId: number): Promise<DraftView> {
    const current = await loadRevision(
      this.deps.database,
      (await draftIn(this.deps.database, brandId, draftId)).revision_id,
    );
    const screening = await screenDraft(this.deps.screening, current, 'submit');
    await this.deps.transactions.run(viewer, brandId, draftId, async (c) => {
      // Edited since it was screened: the state machine refuses below or the new text is screened next time.
      if (c.revision.id !== current.id)
        throw new AppError('conflict', 'The draft changed while it was being submitted; submit again', {
          reason: 'invalid_state',
        });
      await this.applySubmission(c, screening);
    });
    return this.get(viewer, brandId, draftId);
  }

  /** Publishers schedule approved drafts; nothing leaves before the brand's undo window has passed. */
  async schedule(viewer: Viewer, brandId: number, draftId: number, at: number | null): Promise<DraftView> {
    await this.deps.transactions.run(viewer, brandId, draftId, async (c) => {
      const now = Date.now();
      const decision = decideSchedule(
        c.facts,
        c.actor,
        c.brandFacts,
        at,
        now,
        c.brand.undoWindowSeconds * 1000,
      );
      await c.tx.db
        .updateTable('brand_drafts')
        .set({
          state: 'scheduled',
          scheduled_for: at ?? now,
          send_at: decision.sendAt,
          scheduled_by: viewer.accountId,
          waiting_for_resume: 0,
          updated_at: now,
        })
        .where('id', '=', draftId)
        .execute();
      await this.deps.outbox.enqueueDispatch(c.tx, draftId, decision.sendAt);
      await this.audit(
        c,
        'draft.schedule',
        { state: c.draft.state },
        { state: 'scheduled', send_at: new Date(decision.sendAt).toISOString() },
      );
      await this.deps.notices.draftMoved(
        c.tx,
        c.brand,
        draftId,
        [c.draft.author_account_id],
        `scheduled for ${new Date(decision.sendAt).toISOString()}`,
      );
    });
    return this.get(viewer, brandId, draftId);
  }

  /** The publisher pulls a scheduled post back before it leaves: it is a draft again. */
  async recall(viewer: Viewer, brandId: number, draftId: number): Promise<DraftView> {
    await this.deps.transactions.run(viewer, brandId, draftId, async (c) => {
      decideRecall(c.facts, c.actor, c.brandFacts);
      await c.tx.db
        .updateTable('brand_drafts')
        .set({ state: 'draft', ...clearedRelease(), updated_at: Date.now() })
        .where('id', '=', draftId)
        .execute();
      await this.audit(
        c,
        'draft.recall',
        {
          state: 'scheduled',
          send_at: c.draft.send_at === null ? null : new Date(c.draft.send_at).toISOString(),
        },
        { state: 'draft' },
      );
      await this.deps.notices.draftMoved(
        c.tx,
        c.brand,
        draftId,
        [c.draft.author_account_id],
        'recalled before it left',
      );
    });
    return this.get(viewer, brandId, draftId);
  }

  /** Deletes a post that left, at every destination it reached (through the outbox). */
  async retract(viewer: Viewer, brandId: number, draftId: number, reason: string | null): Promise<DraftView> {
    await this.deps.transactions.run(viewer, brandId, draftId, async (c) => {
      decideRetract(c.facts, c.actor, c.brandFacts);
      const now = Date.now();
      await c.tx.db
        .updateTable('brand_drafts')
        .set({ state: 'retracted', retracted_at: now, updated_at: now })
        .where('id', '=', draftId)
        .execute();
      await this.deps.outbox.retract(c.tx, { ...c.draft, state: 'retracted' });
      await this.audit(c, 'draft.retract', { state: c.draft.state }, { state: 'retracted' }, reason);
      await this.deps.notices.draftMoved(c.tx, c.brand, draftId, [c.draft.author_account_id], 'retracted');
    });
    return this.get(viewer, brandId, draftId);
  }

  /** First of two people: asks to send this post during a pause. */
  async requestBreakGlass(
    viewer: Viewer,
    brandId: number,
    draftId: number,
    reason: string,
  ): Promise<DraftView> {
    await this.deps.transactions.run(viewer, brandId, draftId, async (c) => {
      requestBreakGlass(c.facts, c.actor, c.brandFacts, reason);
      await c.tx.db
        .updateTable('brand_drafts')
        .set({
          break_glass_requested_by: viewer.accountId,
          break_glass_reason: reason.trim(),
          break_glass_confirmed_by: null,
          updated_at: Date.now(),
        })
        .where('id', '=', draftId)
        .execute();
      await this.audit(
        c,
        'draft.break_glass_request',
        { state: c.draft.state },
        { state: c.draft.state },
        reason.trim(),
      );
    });
    return this.get(viewer, brandId, draftId);
  }

  /** Second person confirms: the post goes now despite the pause (still screened at the moment of sending). */
  async confirmBreakGlass(viewer: Viewer, brandId: number, draftId: number): Promise<DraftView> {
    await this.deps.transactions.run(viewer, brandId, draftId, async (c) => {
      const now = Date.now();
      const decision = confirmBreakGlass(
        c.facts,
        c.actor,
        c.brandFacts,
        c.draft.break_glass_requested_by,
        now,
      );
      await c.tx.db
        .updateTable('brand_drafts')
        .set({
          state: 'scheduled',
          send_at: decision.sendAt,
          scheduled_for: now,
          scheduled_by: c.draft.scheduled_by ?? viewer.accountId,
          pause_override: 1,
          waiting_for_resume: 0,
          break_glass_confirmed_by: viewer.accountId,
          updated_at: now,
        })
        .where('id', '=', draftId)
        .execute();
      await this.deps.outbox.enqueueDispatch(c.tx, draftId, decision.sendAt, ':break-glass');
      await this.audit(
        c,
        'draft.break_glass_confirm',
        { state: c.draft.state },
        {
          state: 'scheduled',
          requested_by: String(c.draft.break_glass_requested_by),
          confirmed_by: String(viewer.accountId),
        },
        c.draft.break_glass_reason,
      );
    });
    return this.get(viewer, brandId, draftId);
  }

  async revisions(viewer: Viewer, brandId: number, draftId: number): Promise<RevisionRow[]> {
    await this.get(viewer, brandId, draftId);
    return this.deps.database.db
      .selectFrom('brand_draft_revisions')
      .selectAll()
      .where('draft_id', '=', draftId)
      .orderBy('number')
      .execute();
  }

  /** Word-level diff between two revision numbers (defaults: the previous and the current revision). */
  async diff(
    viewer: Viewer,
    brandId: number,
    draftId: number,
    from: number | null,
    to: number | null,
  ): Promise<{ from: RevisionRow; to: RevisionRow; text: DiffSegment[]; spoilerText: DiffSegment[] }> {
    const revisions = await this.revisions(viewer, brandId, draftId);
    const last = revisions[revisions.length - 1]!;
    const toRevision = to === null ? last : revisions.find((r) => r.number === to);
    if (!toRevision) throw new ValidationError('to', 'is not a revision of this draft');
    const fromRevision =
      from === null
        ? (revisions.find((r) => r.number === toRevision.number - 1) ?? toRevision)
        : revisions.find((r) => r.number === from);
    if (!fromRevision) throw new ValidationError('from', 'is not a revision of this draft');
    return {
      from: fromRevision,
      to: toRevision,
      text: wordDiff(fromRevision.text, toRevision.text),
      spoilerText: wordDiff(fromRevision.spoiler_text, toRevision.spoiler_text),
    };
  }

  async comments(viewer: Viewer, brandId: number, draftId: number): Promise<CommentView[]> {
    await this.get(viewer, brandId, draftId);
    const rows = await this.deps.database.db
      .selectFrom('brand_draft_comments')
      .selectAll()
      .where('draft_id', '=', draftId)
      .orderBy('id')
      .execute();
    return rows.map(toComment);
  }

  /** Anyone who may see the draft may comment on it. */
  async addComment(viewer: Viewer, brandId: number, draftId: number, body: string): Promise<CommentView> {
    const text = body.trim();
    if (text === '' || [...text].length > COMMENT_MAX)
      throw new ValidationError('body', `must be 1–${COMMENT_MAX} characters`);
    const view = await this.get(viewer, brandId, draftId);
    const now = Date.now();
    const id = newId(now);
    await this.deps.database.transaction(async (tx) => {
      await tx.db
        .insertInto('brand_draft_comments')
        .values({
          id,
          draft_id: draftId,
          revision_id: view.draft.revision_id,
          account_id: viewer.accountId,
          kind: 'comment',
          body: text,
          created_at: now,
        })
        .execute();
    });
    return {
      id,
      revisionId: view.draft.revision_id,
      accountId: viewer.accountId,
      kind: 'comment',
      body: text,
      createdAt: now,
    };
  }

  /** Scheduled and published posts in [from, to): one brand, or every brand for admins (brandId null). */
  async calendar(viewer: Viewer, brandId: number | null, from: number, to: number): Promise<CalendarEntry[]> {
    if (to <= from) throw new ValidationError('to', 'must be after from');
    if (to - from > CALENDAR_MAX_RANGE) throw new ValidationError('to', 'the range may span at most a year');
    let brandIds: number[];
    if (brandId === null) {
      if (viewer.role !== 'admin')
        throw new AppError('forbidden', 'Only administrators see every brand’s calendar');
      brandIds = (await this.deps.store.brands(this.deps.database, 'all')).map((b) => b.id);
    } else {
      await this.deps.access.load(viewer, brandId);
      brandIds = [brandId];
    }
    if (brandIds.length === 0) return [];
    const rows = await this.deps.database.db
      .selectFrom('brand_drafts')
      .selectAll()
      .where('brand_id', 'in', brandIds)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('state', 'in', ['scheduled', 'sending']),
            eb('send_at', '>=', from),
            eb('send_at', '<', to),
          ]),
          eb.and([
            eb('state', '=', 'published'),
            eb('published_at', '>=', from),
            eb('published_at', '<', to),
          ]),
        ]),
      )
      .execute();
    const brands = new Map(
      (await this.deps.store.brands(this.deps.database, brandIds)).map((b) => [b.id, b]),
    );
    const entries: CalendarEntry[] = [];
    for (const draft of rows) {
      entries.push({
        brand: brands.get(draft.brand_id)!,
        draft,
        revision: await loadRevision(this.deps.database, draft.revision_id),
        at: (draft.state === 'published' ? draft.published_at : draft.send_at)!,
      });
    }
    return entries.sort((a, b) => a.at - b.at || a.draft.id - b.draft.id);
  }

  /** Submission proper: screening decides first; then the steps of the brand's current policy. */
  private async applySubmission(c: TransitionContext, screening: DraftScreening): Promise<void> {
    const result = decideSubmit(
      { ...c.facts, approvals: [] },
      c.actor,
      c.brandFacts,
      screening.summary,
      c.brand.workflow,
      c.candidates,
    );
    const now = Date.now();
    if (result.blocked) {
      await c.tx.db
        .updateTable('brand_drafts')
        .set({
          state: 'draft',
          screening: JSON.stringify(screening.stored),
          screening_summary: null,
          updated_at: now,
        })
        .where('id', '=', c.draft.id)
        .execute();
      await c.tx.db
        .insertInto('brand_draft_comments')
        .values({
          id: newId(now),
          draft_id: c.draft.id,
          revision_id: c.draft.revision_id,
          account_id: null,
          kind: 'screening',
          body: describeFindings(screening.stored),
          created_at: now,
        })
        .execute();
      await this.audit(
        c,
        'draft.screening_blocked',
        { state: c.draft.state },
        { state: 'draft', screening: screening.stored },
      );
      return;
    }
    const submission = c.draft.submission + 1;
    await c.tx.db
      .updateTable('brand_drafts')
      .set({
        state: result.state,
        submission,
        workflow: JSON.stringify(c.brand.workflow),
        screening: JSON.stringify(screening.stored),
        screening_summary: JSON.stringify(screening.summary),
        ...clearedRelease(),
        updated_at: now,
      })
      .where('id', '=', c.draft.id)
      .execute();
    await this.audit(
      c,
      'draft.submit',
      { state: c.draft.state },
      {
        state: result.state,
        submission,
        steps: result.steps.map((s) => s.id),
        screening: { action: screening.summary.action, categories: screening.summary.categories },
      },
    );
    const progress = currentProgress(
      { ...c.facts, workflow: c.brand.workflow, screening: screening.summary, approvals: [] },
      c.candidates,
    );
    if (progress.current) {
      await this.deps.notices.reviewWaiting(
        c.tx,
        c.brand,
        c.draft.id,
        progress.current.eligible,
        progress.current.step.name,
      );
    }
  }

  private async insertDraft(
    tx: Database,
    brand: BrandRecord,
    authorId: number,
    text: Required<DraftText>,
    proposal: number | null,
    action: string,
  ): Promise<number> {
    const now = Date.now();
    const id = newId(now);
    const revisionId = newId(now);
    await tx.db
      .insertInto('brand_drafts')
      .values({
        id,
        brand_id: brand.id,
        author_account_id: authorId,
        proposal_status_id: proposal,
        state: 'draft',
        revision_id: revisionId,
        workflow: JSON.stringify(brand.workflow),
        screening_summary: null,
        screening: null,
        scheduled_for: null,
        send_at: null,
        scheduled_by: null,
        break_glass_requested_by: null,
        break_glass_reason: null,
        break_glass_confirmed_by: null,
        status_id: null,
        sent_revision_id: null,
        published_at: null,
        retracted_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx.db
      .insertInto('brand_draft_revisions')
      .values({
        id: revisionId,
        draft_id: id,
        number: 1,
        text: text.text,
        spoiler_text: text.spoilerText,
        editor_account_id: authorId,
        created_at: now,
      })
      .execute();
    await this.deps.audit.record(tx, {
      actorAccountId: authorId,
      action,
      subjectType: 'draft',
      subjectId: id,
      brandId: brand.id,
      after: {
        state: 'draft',
        revision_id: String(revisionId),
        ...(proposal !== null ? { proposal_status_id: String(proposal) } : {}),
      },
    });
    return id;
  }

  private checkText(input: DraftText): Required<DraftText> {
    const spoilerText = input.spoilerText ?? '';
    checkPostText(input.text, spoilerText, this.deps.config.maxPostLength, {
      host: new URL(this.deps.config.baseUrl).host,
    });
    return { text: input.text, spoilerText };
  }

  private async audit(
    c: TransitionContext,
    action: string,
    before: unknown,
    after: unknown,
    reason: string | null = null,
  ): Promise<void> {
    await this.deps.audit.record(c.tx, {
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

/** A draft going back in the workflow leaves its schedule, pause override and break-glass request behind. */
function clearedRelease() {
  return {
    send_at: null,
    scheduled_for: null,
    scheduled_by: null,
    waiting_for_resume: 0,
    pause_override: 0,
    break_glass_requested_by: null,
    break_glass_reason: null,
    break_glass_confirmed_by: null,
  };
}

function toComment(row: {
  id: number;
  revision_id: number;
  account_id: number | null;
  kind: CommentView['kind'];
  body: string;
  created_at: number;
}): CommentView {
  return {
    id: row.id,
    revisionId: row.revision_id,
    accountId: row.account_id,
    kind: row.kind,
    body: row.body,
    createdAt: row.created_at,
  };
}
