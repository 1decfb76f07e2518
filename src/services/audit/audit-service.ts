/**
 * The audit log: an append-only record of every governance action (brands, members, workflow,
 * drafts, approvals, pauses, policies, connectors), written in the same transaction as the action
 * so that one never exists without the other. Admins browse, filter and export it.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AuditLogTable } from '../../db/schema.js';
import { newId } from '../../domain/ids.js';
import { finishPage, pageOrder, type PageRequest } from '../../domain/pagination.js';
import { withinPage } from '../timelines/page-sql.js';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditEntry {
  /** Null for the system: the scheduler, the outbox. */
  actorAccountId: number | null;
  /** Dotted verb: `brand.create`, `draft.approve`, `pause.resume_all`, … */
  action: string;
  subjectType:
    | 'brand'
    | 'member'
    | 'workflow'
    | 'draft'
    | 'delivery'
    | 'pause'
    | 'connector'
    | 'two_factor'
    | 'allowlist';
  subjectId: number | null;
  brandId: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditFilter {
  brandId?: number | null;
  actorId?: number | null;
  action?: string | null;
  from?: number | null;
  to?: number | null;
}

/** Exports stop here; narrower filters get the rest. */
export const EXPORT_LIMIT = 100_000;

export class Audit {
  constructor(private readonly database: Database) {}

  /** Appends one row inside the caller's transaction. */
  async record(tx: Database, entry: AuditEntry): Promise<number> {
    tx.assertTransaction();
    const now = Date.now();
    const id = newId(now);
    await tx.db
      .insertInto('audit_log')
      .values({
        id,
        actor_account_id: entry.actorAccountId,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
        brand_id: entry.brandId,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
        reason: entry.reason ?? null,
        created_at: now,
      })
      .execute();
    return id;
  }

  /** Newest first, cursor-paginated by id. */
  async list(filter: AuditFilter, page: PageRequest): Promise<AuditRow[]> {
    const rows = await this.filtered(filter)
      .where(withinPage('audit_log.id', page))
      .orderBy('audit_log.id', pageOrder(page))
      .limit(page.limit)
      .execute();
    return finishPage(rows, page);
  }

  /** Every matching row, oldest first (up to EXPORT_LIMIT), read in batches. */
  async *export(filter: AuditFilter): AsyncGenerator<AuditRow> {
    let after = 0;
    let total = 0;
    while (total < EXPORT_LIMIT) {
      const rows = await this.filtered(filter)
        .where('audit_log.id', '>', after)
        .orderBy('audit_log.id', 'asc')
        .limit(1000)
        .execute();
      for (const row of rows) {
        yield row;
        total++;
      }
      if (rows.length < 1000) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  /** The trail of one subject, oldest first (a draft's history). */
  async forSubject(subjectType: AuditEntry['subjectType'], subjectId: number): Promise<AuditRow[]> {
    return this.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .orderBy('id', 'asc')
      .execute();
  }

  private filtered(filter: AuditFilter) {
    let query = this.database.db.selectFrom('audit_log').selectAll('audit_log');
    if (filter.brandId != null) query = query.where('audit_log.brand_id', '=', filter.brandId);
    if (filter.actorId != null) query = query.where('audit_log.actor_account_id', '=', filter.actorId);
    if (filter.action) query = query.where('audit_log.action', '=', filter.action);
    if (filter.from != null) query = query.where('audit_log.created_at', '>=', filter.from);
    if (filter.to != null) query = query.where('audit_log.created_at', '<', filter.to);
    return query;
  }
}
