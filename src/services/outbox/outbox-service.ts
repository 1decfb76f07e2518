/**
 * The brand outbox: the moment before sending and delivery to every destination.
 *
 * - `brand.dispatch` runs when a scheduled draft is due. In one transaction it locks the draft and
 *   the pause rows, applies the state machine's `dispatch` (final screening under the policy in
 *   force now, required approvals, the pause) and, when the post may go, moves it to `sending` and
 *   writes one `brand.deliver` job per destination (the brand's own internal post and each enabled
 *   connector) with a dedupe key.
 * - `brand.deliver` sends one delivery at least once, with the stable idempotency key of
 *   (draft revision, destination); retries with backoff and jitter on timeouts, 5xx, 408 and 429
 *   (Retry-After honoured); keeps a dead letter after the last attempt. A delivery waits while
 *   publishing is paused and goes after resume. Retraction deletes at every destination the
 *   same way.
 */
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { DeliveryState } from '../../db/schema.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import {
  authorize,
  blockBeforeDelivery,
  complete,
  currentProgress,
  dispatch as decideDispatch,
} from '../../domain/brands/draft-machine.js';
import { SCREENING_REVIEW_STEP } from '../../domain/brands/workflow.js';
import { RetryLater, type JobContext, type JobQueue } from '../../jobs/queue.js';
import type { Accounts } from '../accounts/account-service.js';
import type { CandidateResolver } from '../approvals/candidates.js';
import type { Audit } from '../audit/audit-service.js';
import type { Viewer } from '../auth/viewer.js';
import { workflowStep, type BrandAccess } from '../brands/brand-access.js';
import type { BrandRecord, BrandStore } from '../brands/brand-store.js';
import type { ResumeHook } from '../brands/brand-service.js';
import { DeliveryError, type OutboundPost } from '../connectors/connector.js';
import type { Connectors } from '../connectors/connector-service.js';
import { describeFindings, screenDraft, type ExternalScreening } from '../drafts/draft-screening.js';
import { draftFacts, findDraft, revision as loadRevision, type DraftRow } from '../drafts/draft-store.js';
import type { Posts } from '../posts/post-service.js';
import type { Mailer } from './mailer.js';
import { EMAIL_JOB, type BrandNotices, type EmailJob } from './notices.js';

export const DISPATCH_JOB = 'brand.dispatch';
export const DELIVER_JOB = 'brand.deliver';
export const INTERNAL_DESTINATION = 'internal';
const INTERNAL_MAX_ATTEMPTS = 8;

export interface DispatchJob {
  draftId: number;
  sendAt: number;
}

export interface DeliverJob {
  deliveryId: number;
}

export interface DeliveryRecord {
  id: number;
  draftId: number;
  revisionId: number;
  connectorId: number | null;
  destination: string;
  action: 'publish' | 'delete';
  state: DeliveryState;
  idempotencyKey: string;
  remoteId: string | null;
  remoteUrl: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
}

export interface OutboxDeps {
  config: Pick<Config, 'baseUrl'>;
  database: Database;
  store: BrandStore;
  access: BrandAccess;
  candidates: CandidateResolver;
  connectors: Connectors;
  posts: Posts;
  accounts: Accounts;
  screening: ExternalScreening;
  audit: Audit;
  notices: BrandNotices;
  mailer: Mailer | null;
}

type DeliveryRow = {
  id: number;
  draft_id: number;
  revision_id: number;
  connector_id: number | null;
  destination: string;
  action: 'publish' | 'delete';
  state: DeliveryState;
  idempotency_key: string;
  remote_id: string | null;
  remote_url: string | null;
  attempts: number;
  last_error: string | null;
  job_id: number | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
};

export class Outbox implements ResumeHook {
  private queue: JobQueue | null = null;

  constructor(private readonly deps: OutboxDeps) {}

  /** Attaches the process's job queue and registers the handlers (the worker role runs them). */
  attach(queue: JobQueue): void {
    this.queue = queue;
    queue.register(DISPATCH_JOB, (payload) => this.dispatch(payload as DispatchJob));
    queue.register(DELIVER_JOB, (payload, job) => this.deliver(payload as DeliverJob, job));
    queue.register(EMAIL_JOB, (payload) => this.email(payload as EmailJob));
  }

  jobs(): JobQueue {
    if (!this.queue) throw new Error('the brand outbox has no job queue attached');
    return this.queue;
  }

  /** Inside the transaction that scheduled the draft. */
  async enqueueDispatch(tx: Database, draftId: number, sendAt: number, nonce = ''): Promise<void> {
    const payload: DispatchJob = { draftId, sendAt };
    await this.jobs().enqueue(tx, DISPATCH_JOB, payload, {
      runAt: sendAt,
      maxAttempts: 20,
      dedupeKey: `brand-dispatch:${draftId}:${sendAt}${nonce}`,
    });
  }

  /** After a resume: what waited is dispatched (and screened) again, paused deliveries continue. */
  async afterResume(tx: Database, scope: { brandId: number } | 'all'): Promise<void> {
    const nonce = `:resume-${newId()}`;
    let drafts = tx.db
      .selectFrom('brand_drafts')
      .innerJoin('brands', 'brands.id', 'brand_drafts.brand_id')
      .select(['brand_drafts.id', 'brand_drafts.send_at'])
      .where('brand_drafts.state', '=', 'scheduled')
      .where('brand_drafts.send_at', '<=', Date.now());
    drafts =
      scope === 'all'
        ? drafts.where('brands.paused_at', 'is', null)
        : drafts.where('brands.id', '=', scope.brandId);
    for (const draft of await drafts.execute())
      await this.enqueueDispatch(tx, draft.id, draft.send_at!, nonce);

    let paused = tx.db
      .selectFrom('brand_deliveries')
      .innerJoin('brand_drafts', 'brand_drafts.id', 'brand_deliveries.draft_id')
      .innerJoin('brands', 'brands.id', 'brand_drafts.brand_id')
      .select(['brand_deliveries.id', 'brand_deliveries.connector_id'])
      .where('brand_deliveries.state', '=', 'paused');
    paused =
      scope === 'all'
        ? paused.where('brands.paused_at', 'is', null)
        : paused.where('brands.id', '=', scope.brandId);
    for (const delivery of await paused.execute()) {
      await tx.db
        .updateTable('brand_deliveries')
        .set({ state: 'pending', updated_at: Date.now() })
        .where('id', '=', delivery.id)
        .execute();
      await this.enqueueDelivery(tx, delivery.id, await this.maxAttempts(tx, delivery.connector_id), nonce);
    }
  }

  /** The `brand.dispatch` job: the moment before sending. */
  async dispatch(job: DispatchJob): Promise<void> {
    const { database, store, candidates, screening } = this.deps;
    const before = await findDraft(database, job.draftId);
    if (!before || before.state !== 'scheduled' || before.send_at !== job.sendAt) return;
    if (job.sendAt > Date.now()) throw new RetryLater(job.sendAt - Date.now(), 'not due yet');
    const brand = await store.brand(database, before.brand_id);
    const current = await loadRevision(database, before.revision_id);
    // Outside the transaction: screening reads the current policy, candidates read accounts.
    const final = await screenDraft(screening, current, 'send');
    const { facts: draftBefore } = await draftFacts(database, before);
    const prepared = await candidates.prepare(brand.id, [
      ...draftBefore.workflow.steps,
      SCREENING_REVIEW_STEP,
    ]);
    const glassAdmins = await this.activeAdmins([
      before.break_glass_requested_by,
      before.break_glass_confirmed_by,
    ]);

    await database.transaction(async (tx) => {
      // Lock order everywhere: the pause rows, the brand, the draft, then its deliveries.
      const paused = await store.isPaused(tx, brand.id, { lock: true });
      const draft = await findDraft(tx, job.draftId, { lock: true });
      if (
        !draft ||
        draft.state !== 'scheduled' ||
        draft.send_at !== job.sendAt ||
        draft.revision_id !== current.id
      )
        return;
      const { facts } = await draftFacts(tx, draft);
      const people = await candidates.resolve(tx, brand.id, prepared);
      const now = Date.now();
      // Who may break the glass now: the brand's owners (as of this transaction) and admins.
      const holders = new Set([
        ...glassAdmins,
        ...people.filter((p) => p.roles.includes('owner')).map((p) => p.accountId),
      ]);
      const result = decideDispatch(facts, { paused }, final.summary, people, now, holders);
      switch (result.outcome) {
        case 'skip':
          return;
        case 'wait':
          if (draft.waiting_for_resume === 0) {
            await tx.db
              .updateTable('brand_drafts')
              .set({ waiting_for_resume: 1, updated_at: now })
              .where('id', '=', draft.id)
              .execute();
            await this.audit(
              tx,
              null,
              'draft.held_by_pause',
              brand,
              draft,
              { state: 'scheduled' },
              { state: 'scheduled', waiting_for_resume: true },
            );
          }
          return;
        case 'blocked': {
          await tx.db
            .updateTable('brand_drafts')
            .set({
              state: 'draft',
              screening: JSON.stringify(final.stored),
              send_at: null,
              scheduled_for: null,
              waiting_for_resume: 0,
              pause_override: 0,
              updated_at: now,
            })
            .where('id', '=', draft.id)
            .execute();
          await this.systemComment(tx, draft, describeFindings(final.stored));
          await this.audit(
            tx,
            null,
            'draft.blocked_at_send',
            brand,
            draft,
            { state: 'scheduled' },
            { state: 'draft', screening: final.stored },
          );
          await this.deps.notices.draftMoved(
            tx,
            brand,
            draft.id,
            recipientsOf(draft),
            'screening stopped it before sending',
          );
          return;
        }
        case 'needs_review': {
          await tx.db
            .updateTable('brand_drafts')
            .set({
              state: 'in_review',
              screening: JSON.stringify(final.stored),
              screening_summary: JSON.stringify(result.screening),
              send_at: null,
              scheduled_for: null,
              waiting_for_resume: 0,
              updated_at: now,
            })
            .where('id', '=', draft.id)
            .execute();
          await this.systemComment(tx, draft, describeFindings(final.stored));
          await this.audit(
            tx,
            null,
            'draft.review_required_at_send',
            brand,
            draft,
            { state: 'scheduled' },
            { state: 'in_review', screening: final.stored },
          );
          const waiting = currentProgress({ ...facts, screening: result.screening }, people).current;
          if (waiting)
            await this.deps.notices.reviewWaiting(
              tx,
              brand,
              draft.id,
              waiting.eligible.filter((id) => !waiting.approvedBy.includes(id)),
              waiting.step.name,
            );
          await this.deps.notices.draftMoved(
            tx,
            brand,
            draft.id,
            recipientsOf(draft),
            'screening asked for another review before sending',
          );
          return;
        }
        case 'send': {
          await tx.db
            .updateTable('brand_drafts')
            .set({
              state: 'sending',
              screening: JSON.stringify(final.stored),
              screening_summary: JSON.stringify(result.screening),
              sent_revision_id: draft.revision_id,
              waiting_for_resume: 0,
              updated_at: now,
            })
            .where('id', '=', draft.id)
            .execute();
          const destinations = await this.createDeliveries(tx, brand, draft);
          await this.audit(
            tx,
            null,
            'draft.send',
            brand,
            draft,
            { state: 'scheduled' },
            {
              state: 'sending',
              revision_id: String(draft.revision_id),
              destinations,
              pause_override: draft.pause_override === 1,
            },
          );
          return;
        }
      }
    });
  }

  /** The `brand.deliver` job: one destination, at least once. */
  async deliver(job: DeliverJob, context: JobContext): Promise<void> {
    const { database, store } = this.deps;
    const start = await this.deliveryRow(database, job.deliveryId);
    if (!start || start.state === 'delivered' || start.state === 'cancelled') return;
    const draft0 = await findDraft(database, start.draft_id);
    if (!draft0) return;
    const brand = await store.brand(database, draft0.brand_id);
    const internal = start.destination === INTERNAL_DESTINATION;
    const connectorRow =
      internal || start.connector_id === null
        ? null
        : await this.deps.connectors.byId(database, start.connector_id);
    if (!internal && !connectorRow) {
      await this.finish(job.deliveryId, 'failed', 'the connector was removed');
      return;
    }
    const maxAttempts = connectorRow?.max_attempts ?? INTERNAL_MAX_ATTEMPTS;
    const publishRevision = await loadRevision(database, start.revision_id);

    // Claim: decide under the pause lock whether this delivery may go now.
    const go = await database.transaction(async (tx) => {
      const pausedNow = await store.isPaused(tx, brand.id, { lock: true });
      const draft = await findDraft(tx, start.draft_id, { lock: true });
      const delivery = await this.deliveryRow(tx, job.deliveryId, true);
      if (!delivery || !draft || delivery.state === 'delivered' || delivery.state === 'cancelled')
        return false;
      if (delivery.action === 'publish') {
        if (draft.state === 'retracted') {
          await this.setState(tx, delivery.id, 'cancelled', 'retracted before it was delivered');
          return false;
        }
        const paused = pausedNow && draft.pause_override !== 1;
        if (paused) {
          await this.setState(tx, delivery.id, 'paused', null);
          return false;
        }
      }
      await tx.db
        .updateTable('brand_deliveries')
        .set((eb) => ({ state: 'in_flight', attempts: eb('attempts', '+', 1), updated_at: Date.now() }))
        .where('id', '=', delivery.id)
        .execute();
      return true;
    });
    if (!go) return;

    const draft = (await findDraft(database, start.draft_id))!;
    const post = this.outboundPost(brand, draft, publishRevision, start);
    try {
      if (start.action === 'publish') {
        if (connectorRow && (await this.blockedJustBefore(start, draft, brand, publishRevision))) return;
        const remote = connectorRow
          ? await this.deps.connectors.instantiate(connectorRow).publish(post, start.idempotency_key)
          : await this.publishInternally(brand, draft, publishRevision, start);
        await this.delivered(start, remote);
      } else {
        const original = await this.publishDeliveryFor(start);
        if (original?.remote_id) {
          if (connectorRow)
            await this.deps.connectors
              .instantiate(connectorRow)
              .delete(original.remote_id, start.idempotency_key, post);
          else await this.removeInternally(brand, Number(original.remote_id));
        }
        await this.delivered(start, { remoteId: original?.remote_id ?? '', url: null });
      }
    } catch (error) {
      // A refusal from the posts service (screening, length) will not change on retry.
      const retryable = error instanceof DeliveryError ? error.retryable : !(error instanceof AppError);
      const message = error instanceof Error ? error.message : String(error);
      const last = context.attempt >= maxAttempts;
      const state: DeliveryState = !retryable ? 'failed' : last ? 'dead' : 'retrying';
      await database.transaction(async (tx) => {
        await this.setState(tx, start.id, state, message);
        if (state !== 'retrying') {
          await this.audit(tx, null, `delivery.${state}`, brand, draft, null, {
            delivery_id: String(start.id),
            destination: start.destination,
            error: message.slice(0, 500),
          });
        }
      });
      if (!retryable) return;
      if (error instanceof DeliveryError && error.retryAfterMs !== null)
        throw new RetryLater(error.retryAfterMs, message);
      throw error;
    }
  }

  /** Which of these people are administrators with a working login. */
  private async activeAdmins(ids: Array<number | null>): Promise<number[]> {
    const admins: number[] = [];
    for (const id of ids) {
      if (id === null) continue;
      const user = await this.deps.accounts.userOf(id);
      const account = (await this.deps.accounts.hydrate([id])).get(id);
      if (user?.role === 'admin' && account && account.suspended_at === null) admins.push(id);
    }
    return admins;
  }

  /** Inside the retracting transaction: deletes where the post arrived, stops what has not left. */
  async retract(tx: Database, draft: DraftRow): Promise<void> {
    const deliveries = await tx.db
      .selectFrom('brand_deliveries')
      .selectAll()
      .where('draft_id', '=', draft.id)
      .where('action', '=', 'publish')
      .execute();
    const now = Date.now();
    for (const delivery of deliveries) {
      if (delivery.state === 'delivered') await this.createDeleteDelivery(tx, delivery);
      else if (delivery.state !== 'in_flight' && delivery.state !== 'cancelled') {
        await tx.db
          .updateTable('brand_deliveries')
          .set({ state: 'cancelled', last_error: 'retracted before it was delivered', updated_at: now })
          .where('id', '=', delivery.id)
          .execute();
      }
      // In flight: the delivery finds the draft retracted when it lands and deletes it then.
    }
  }

  /** Owners retry a failed or dead delivery: a fresh job, the same idempotency key. */
  async retry(viewer: Viewer, brandId: number, deliveryId: number): Promise<DeliveryRecord> {
    const person = await this.deps.access.person(viewer);
    await workflowStep(() =>
      this.deps.database.transaction(async (tx) => {
        const { brand, actor, facts } = await this.deps.access.load(viewer, brandId, tx, {
          lock: true,
          person,
        });
        authorize(actor, 'retry_delivery', facts);
        const delivery = await this.deliveryRow(tx, deliveryId, true);
        const draft = delivery ? await findDraft(tx, delivery.draft_id) : null;
        if (!delivery || !draft || draft.brand_id !== brandId) throw new NotFoundError('Delivery');
        if (delivery.state !== 'failed' && delivery.state !== 'dead') {
          throw new AppError(
            'conflict',
            `Only failed or dead deliveries are retried (this one is ${delivery.state})`,
            { reason: 'invalid_state' },
          );
        }
        await this.setState(tx, delivery.id, 'pending', null);
        await this.enqueueDelivery(
          tx,
          delivery.id,
          await this.maxAttempts(tx, delivery.connector_id),
          `:retry-${newId()}`,
        );
        await this.audit(
          tx,
          viewer.accountId,
          'delivery.retry',
          brand,
          draft,
          { state: delivery.state },
          { state: 'pending', delivery_id: String(delivery.id), destination: delivery.destination },
        );
      }),
    );
    return toDeliveryRecord((await this.deliveryRow(this.deps.database, deliveryId))!);
  }

  async deliveriesOf(draftIds: number[]): Promise<Map<number, DeliveryRecord[]>> {
    const result = new Map<number, DeliveryRecord[]>();
    if (draftIds.length === 0) return result;
    const rows = await this.deps.database.db
      .selectFrom('brand_deliveries')
      .selectAll()
      .where('draft_id', 'in', draftIds)
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const list = result.get(row.draft_id) ?? [];
      list.push(toDeliveryRecord(row));
      result.set(row.draft_id, list);
    }
    return result;
  }

  /** A brand's deliveries, newest first (owners look for dead letters here). */
  async list(
    viewer: Viewer,
    brandId: number,
    state: DeliveryState | null,
    limit = 100,
  ): Promise<DeliveryRecord[]> {
    await this.deps.access.load(viewer, brandId);
    let query = this.deps.database.db
      .selectFrom('brand_deliveries')
      .innerJoin('brand_drafts', 'brand_drafts.id', 'brand_deliveries.draft_id')
      .selectAll('brand_deliveries')
      .where('brand_drafts.brand_id', '=', brandId);
    if (state) query = query.where('brand_deliveries.state', '=', state);
    return (await query.orderBy('brand_deliveries.id', 'desc').limit(limit).execute()).map(toDeliveryRecord);
  }

  private async email(job: EmailJob): Promise<void> {
    if (!this.deps.mailer) return;
    const user = await this.deps.accounts.userOf(job.accountId);
    if (!user) return;
    await this.deps.mailer.send({ to: user.email, subject: job.subject, text: job.text });
  }

  private async createDeliveries(tx: Database, brand: BrandRecord, draft: DraftRow): Promise<string[]> {
    const destinations: Array<{ destination: string; connectorId: number | null; maxAttempts: number }> = [
      { destination: INTERNAL_DESTINATION, connectorId: null, maxAttempts: INTERNAL_MAX_ATTEMPTS },
    ];
    if (brand.external) {
      for (const connector of await this.deps.connectors.enabledFor(tx, brand.id)) {
        destinations.push({
          destination: `connector:${connector.id}`,
          connectorId: connector.id,
          maxAttempts: connector.max_attempts,
        });
      }
    }
    const now = Date.now();
    for (const d of destinations) {
      const key = `brand-post:${draft.id}:${draft.revision_id}:${d.destination}`;
      const existing = await tx.db
        .selectFrom('brand_deliveries')
        .select(['id', 'state'])
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      let id: number;
      if (existing) {
        // The same revision released again (it was stopped before any destination had it).
        if (existing.state === 'delivered') continue;
        id = existing.id;
        await tx.db
          .updateTable('brand_deliveries')
          .set({ state: 'pending', last_error: null, updated_at: now })
          .where('id', '=', id)
          .execute();
      } else {
        id = newId(now);
        await tx.db
          .insertInto('brand_deliveries')
          .values({
            id,
            draft_id: draft.id,
            revision_id: draft.revision_id,
            connector_id: d.connectorId,
            destination: d.destination,
            action: 'publish',
            state: 'pending',
            idempotency_key: key,
            remote_id: null,
            remote_url: null,
            last_error: null,
            job_id: null,
            created_at: now,
            updated_at: now,
            delivered_at: null,
          })
          .execute();
      }
      await this.enqueueDelivery(tx, id, d.maxAttempts, `:${now}`);
    }
    return destinations.map((d) => d.destination);
  }

  private async createDeleteDelivery(tx: Database, publish: DeliveryRow): Promise<void> {
    const key = `brand-delete:${publish.draft_id}:${publish.revision_id}:${publish.destination}`;
    const existing = await tx.db
      .selectFrom('brand_deliveries')
      .select('id')
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (existing) return;
    const now = Date.now();
    const id = newId(now);
    await tx.db
      .insertInto('brand_deliveries')
      .values({
        id,
        draft_id: publish.draft_id,
        revision_id: publish.revision_id,
        connector_id: publish.connector_id,
        destination: publish.destination,
        action: 'delete',
        state: 'pending',
        idempotency_key: key,
        remote_id: publish.remote_id,
        remote_url: null,
        last_error: null,
        job_id: null,
        created_at: now,
        updated_at: now,
        delivered_at: null,
      })
      .execute();
    await this.enqueueDelivery(tx, id, await this.maxAttempts(tx, publish.connector_id), '');
  }

  private async enqueueDelivery(
    tx: Database,
    deliveryId: number,
    maxAttempts: number,
    nonce: string,
  ): Promise<void> {
    const payload: DeliverJob = { deliveryId };
    const jobId = await this.jobs().enqueue(tx, DELIVER_JOB, payload, {
      maxAttempts,
      dedupeKey: `brand-deliver:${deliveryId}${nonce}`,
    });
    await tx.db.updateTable('brand_deliveries').set({ job_id: jobId }).where('id', '=', deliveryId).execute();
  }

  private async maxAttempts(db: Database, connectorId: number | null): Promise<number> {
    if (connectorId === null) return INTERNAL_MAX_ATTEMPTS;
    return (await this.deps.connectors.byId(db, connectorId))?.max_attempts ?? INTERNAL_MAX_ATTEMPTS;
  }

  /**
   * Screening once more right before an external delivery, under the policy in force now: a
   * crisis declared after the post was released stops what has not left yet.
   */
  private async blockedJustBefore(
    delivery: DeliveryRow,
    draft: DraftRow,
    brand: BrandRecord,
    revision: { text: string; spoiler_text: string },
  ): Promise<boolean> {
    const check = await screenDraft(this.deps.screening, revision, 'deliver');
    if (check.summary.action !== 'block') return false;
    await this.deps.database.transaction(async (tx) => {
      const locked = await findDraft(tx, draft.id, { lock: true });
      await this.setState(
        tx,
        delivery.id,
        'cancelled',
        `screening blocked it just before delivery: ${check.stored.findings[0]?.message ?? 'blocked'}`,
      );
      const delivered = await tx.db
        .selectFrom('brand_deliveries')
        .select('id')
        .where('draft_id', '=', draft.id)
        .where('action', '=', 'publish')
        .where('destination', '!=', INTERNAL_DESTINATION)
        .where('state', '=', 'delivered')
        .executeTakeFirst();
      await this.audit(tx, null, 'delivery.blocked', brand, draft, null, {
        delivery_id: String(delivery.id),
        destination: delivery.destination,
        screening: check.stored,
      });
      // Nothing has reached the public yet: the whole post goes back to its authors.
      if (locked && blockBeforeDelivery(locked, delivered !== undefined)) {
        await tx.db
          .updateTable('brand_deliveries')
          .set({ state: 'cancelled', last_error: 'screening blocked the post', updated_at: Date.now() })
          .where('draft_id', '=', draft.id)
          .where('action', '=', 'publish')
          .where('destination', '!=', INTERNAL_DESTINATION)
          .where('state', 'in', ['pending', 'paused', 'retrying', 'failed', 'dead'])
          .execute();
        await tx.db
          .updateTable('brand_drafts')
          .set({
            state: 'draft',
            screening: JSON.stringify(check.stored),
            send_at: null,
            scheduled_for: null,
            pause_override: 0,
            updated_at: Date.now(),
          })
          .where('id', '=', draft.id)
          .execute();
        await this.systemComment(tx, draft, describeFindings(check.stored));
        await this.audit(
          tx,
          null,
          'draft.blocked_at_send',
          brand,
          draft,
          { state: 'sending' },
          { state: 'draft', screening: check.stored },
        );
        await this.deps.notices.draftMoved(
          tx,
          brand,
          draft.id,
          recipientsOf(draft),
          'screening stopped it before it left',
        );
      }
    });
    return true;
  }

  /**
   * The brand's own post, through the posts service as the brand account. posts.create commits in
   * its own transaction, so a crash between it and recording the delivery would leave a post the
   * outbox does not know about: before creating, look for it. A brand account posts only through
   * here, so its post with this text since the delivery was created is that earlier attempt. (A
   * read of the posts' table, like the timeline fan-out's: the posts service has no such lookup.)
   */
  private async publishInternally(
    brand: BrandRecord,
    draft: DraftRow,
    revision: { text: string; spoiler_text: string },
    delivery: DeliveryRow,
  ) {
    if (draft.status_id !== null)
      return { remoteId: String(draft.status_id), url: this.statusUrl(brand, draft.status_id) };
    const earlier = await this.deps.database.db
      .selectFrom('statuses')
      .select('id')
      .where('account_id', '=', brand.accountId)
      .where('text', '=', revision.text)
      .where('spoiler_text', '=', revision.spoiler_text)
      .where('created_at', '>=', delivery.created_at)
      // Not another draft's post with the same words.
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('brand_drafts')
              .select('brand_drafts.id')
              .whereRef('brand_drafts.status_id', '=', 'statuses.id'),
          ),
        ),
      )
      .orderBy('id')
      .executeTakeFirst();
    if (earlier) return { remoteId: String(earlier.id), url: this.statusUrl(brand, earlier.id) };
    const status = await this.deps.posts.create(
      { accountId: brand.accountId, role: 'member' },
      {
        text: revision.text,
        spoilerText: revision.spoiler_text,
        visibility: 'organization',
        confirmWarnings: true,
      },
    );
    return { remoteId: String(status.id), url: this.statusUrl(brand, status.id) };
  }

  private async removeInternally(brand: BrandRecord, statusId: number): Promise<void> {
    try {
      await this.deps.posts.remove({ accountId: brand.accountId, role: 'member' }, statusId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  private async delivered(
    delivery: DeliveryRow,
    remote: { remoteId: string; url: string | null },
  ): Promise<void> {
    await this.deps.database.transaction(async (tx) => {
      const now = Date.now();
      const draft = await findDraft(tx, delivery.draft_id, { lock: true });
      await tx.db
        .updateTable('brand_deliveries')
        .set({
          state: 'delivered',
          remote_id: remote.remoteId,
          remote_url: remote.url,
          last_error: null,
          delivered_at: now,
          updated_at: now,
        })
        .where('id', '=', delivery.id)
        .execute();
      if (!draft) return;
      if (delivery.action === 'delete') return;
      if (delivery.destination === INTERNAL_DESTINATION) {
        await tx.db
          .updateTable('brand_drafts')
          .set({ status_id: Number(remote.remoteId), updated_at: now })
          .where('id', '=', draft.id)
          .execute();
      }
      const fresh = (await this.deliveryRow(tx, delivery.id))!;
      if (draft.state === 'retracted') {
        await this.createDeleteDelivery(tx, fresh);
        return;
      }
      const outstanding = await tx.db
        .selectFrom('brand_deliveries')
        .select('id')
        .where('draft_id', '=', draft.id)
        .where('action', '=', 'publish')
        .where('revision_id', '=', delivery.revision_id)
        .where('state', '!=', 'delivered')
        .where('state', '!=', 'cancelled')
        .executeTakeFirst();
      const next = draft.state === 'sending' ? complete(draft, outstanding ? 1 : 0) : null;
      if (next) {
        await tx.db
          .updateTable('brand_drafts')
          .set({ state: next.state, published_at: now, updated_at: now })
          .where('id', '=', draft.id)
          .execute();
        const brand = await this.deps.store.brand(tx, draft.brand_id);
        await this.audit(
          tx,
          null,
          'draft.published',
          brand,
          draft,
          { state: 'sending' },
          { state: 'published' },
        );
        await this.deps.notices.draftMoved(tx, brand, draft.id, recipientsOf(draft), 'published');
      }
    });
  }

  private async finish(deliveryId: number, state: DeliveryState, error: string): Promise<void> {
    await this.deps.database.transaction((tx) => this.setState(tx, deliveryId, state, error));
  }

  private async setState(
    tx: Database,
    id: number,
    state: DeliveryState,
    error: string | null,
  ): Promise<void> {
    await tx.db
      .updateTable('brand_deliveries')
      .set({ state, last_error: error === null ? null : error.slice(0, 1000), updated_at: Date.now() })
      .where('id', '=', id)
      .execute();
  }

  private async deliveryRow(db: Database, id: number, lock = false): Promise<DeliveryRow | null> {
    let query = db.db.selectFrom('brand_deliveries').selectAll().where('id', '=', id);
    if (lock && db.dialect === 'postgres') query = query.forUpdate();
    return (await query.executeTakeFirst()) ?? null;
  }

  private async publishDeliveryFor(deletion: DeliveryRow): Promise<DeliveryRow | null> {
    const key = deletion.idempotency_key.replace(/^brand-delete:/, 'brand-post:');
    return (
      (await this.deps.database.db
        .selectFrom('brand_deliveries')
        .selectAll()
        .where('idempotency_key', '=', key)
        .executeTakeFirst()) ?? null
    );
  }

  private outboundPost(
    brand: BrandRecord,
    draft: DraftRow,
    revision: { id: number; text: string; spoiler_text: string },
    delivery: DeliveryRow,
  ): OutboundPost {
    return {
      draftId: draft.id,
      revisionId: revision.id,
      text: revision.text,
      spoilerText: revision.spoiler_text,
      brand: { id: brand.id, username: brand.username, displayName: brand.displayName },
      internalUrl: draft.status_id === null ? null : this.statusUrl(brand, draft.status_id),
      releasedAt: delivery.created_at,
    };
  }

  private statusUrl(brand: BrandRecord, statusId: number): string {
    return `${this.deps.config.baseUrl}/@${brand.username}/${statusId}`;
  }

  private async systemComment(tx: Database, draft: DraftRow, body: string): Promise<void> {
    await tx.db
      .insertInto('brand_draft_comments')
      .values({
        id: newId(),
        draft_id: draft.id,
        revision_id: draft.revision_id,
        account_id: null,
        kind: 'screening',
        body,
        created_at: Date.now(),
      })
      .execute();
  }

  private async audit(
    tx: Database,
    actor: number | null,
    action: string,
    brand: BrandRecord,
    draft: DraftRow,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.deps.audit.record(tx, {
      actorAccountId: actor,
      action,
      subjectType: 'draft',
      subjectId: draft.id,
      brandId: brand.id,
      ...(before === null ? {} : { before }),
      after,
    });
  }
}

function recipientsOf(draft: DraftRow): number[] {
  return [draft.author_account_id, ...(draft.scheduled_by !== null ? [draft.scheduled_by] : [])];
}

export function toDeliveryRecord(row: DeliveryRow): DeliveryRecord {
  return {
    id: row.id,
    draftId: row.draft_id,
    revisionId: row.revision_id,
    connectorId: row.connector_id,
    destination: row.destination,
    action: row.action,
    state: row.state,
    idempotencyKey: row.idempotency_key,
    remoteId: row.remote_id,
    remoteUrl: row.remote_url,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  };
}
