/**
 * Reading brands and their members, and the pause rows, for the brand services. Loads the facts
 * the pure permission predicates need. `lock` takes row locks on PostgreSQL (SQLite serialises
 * transactions), so a decision and the change it allows see the same pause and draft state.
 */
import type { Database } from '../../db/database.js';
import { NotFoundError } from '../../domain/errors.js';
import { BRAND_ROLES, isBrandRole, type BrandRole } from '../../domain/brands/roles.js';
import type { ApprovalPolicy, ApprovalStep } from '../../domain/brands/workflow.js';

export interface BrandRecord {
  id: number;
  accountId: number;
  username: string;
  displayName: string;
  colour: string;
  external: boolean;
  undoWindowSeconds: number;
  requireTwoFactor: boolean;
  workflow: ApprovalPolicy;
  pausedAt: number | null;
  pausedBy: number | null;
  pauseReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface GlobalPause {
  pausedAt: number | null;
  pausedBy: number | null;
  reason: string | null;
}

export interface Member {
  accountId: number;
  roles: BrandRole[];
  since: number;
}

export class BrandStore {
  async brand(db: Database, id: number, options: { lock?: boolean } = {}): Promise<BrandRecord> {
    const found = await this.find(db, id, options);
    if (!found) throw new NotFoundError('Brand');
    return found;
  }

  async find(db: Database, id: number, options: { lock?: boolean } = {}): Promise<BrandRecord | null> {
    let query = db.db
      .selectFrom('brands')
      .innerJoin('accounts', 'accounts.id', 'brands.account_id')
      .selectAll('brands')
      .select(['accounts.username', 'accounts.display_name'])
      .where('brands.id', '=', id);
    if (options.lock && db.dialect === 'postgres') query = query.forUpdate('brands');
    const row = await query.executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async brands(db: Database, ids: number[] | 'all'): Promise<BrandRecord[]> {
    if (ids !== 'all' && ids.length === 0) return [];
    let query = db.db
      .selectFrom('brands')
      .innerJoin('accounts', 'accounts.id', 'brands.account_id')
      .selectAll('brands')
      .select(['accounts.username', 'accounts.display_name'])
      .orderBy('accounts.username_lower');
    if (ids !== 'all') query = query.where('brands.id', 'in', ids);
    return (await query.execute()).map(toRecord);
  }

  async byAccount(db: Database, accountId: number): Promise<BrandRecord | null> {
    const row = await db.db
      .selectFrom('brands')
      .select('id')
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? this.find(db, row.id) : null;
  }

  /** Brand ids where the person holds any role. */
  async brandIdsOf(db: Database, accountId: number): Promise<number[]> {
    const rows = await db.db
      .selectFrom('brand_members')
      .select('brand_id')
      .distinct()
      .where('account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.brand_id);
  }

  async roles(db: Database, brandId: number, accountId: number): Promise<Set<BrandRole>> {
    const rows = await db.db
      .selectFrom('brand_members')
      .select('role')
      .where('brand_id', '=', brandId)
      .where('account_id', '=', accountId)
      .execute();
    return new Set(rows.map((r) => r.role).filter(isBrandRole));
  }

  async members(db: Database, brandId: number): Promise<Member[]> {
    const rows = await db.db
      .selectFrom('brand_members')
      .select(['account_id', 'role', 'created_at'])
      .where('brand_id', '=', brandId)
      .orderBy('created_at')
      .execute();
    const byAccount = new Map<number, Member>();
    for (const row of rows) {
      const member = byAccount.get(row.account_id) ?? {
        accountId: row.account_id,
        roles: [],
        since: row.created_at,
      };
      if (isBrandRole(row.role)) member.roles.push(row.role);
      member.since = Math.min(member.since, row.created_at);
      byAccount.set(row.account_id, member);
    }
    for (const member of byAccount.values())
      member.roles.sort((a, b) => BRAND_ROLES.indexOf(a) - BRAND_ROLES.indexOf(b));
    return [...byAccount.values()];
  }

  async globalPause(db: Database, options: { lock?: boolean } = {}): Promise<GlobalPause> {
    let query = db.db.selectFrom('publishing_pauses').selectAll().where('scope', '=', 'all');
    if (options.lock && db.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return {
      pausedAt: row?.paused_at ?? null,
      pausedBy: row?.paused_by ?? null,
      reason: row?.reason ?? null,
    };
  }

  /** Whether this brand may not publish now: paused itself or with all brands. Locks both rows when asked. */
  async isPaused(db: Database, brandId: number, options: { lock?: boolean } = {}): Promise<boolean> {
    const all = await this.globalPause(db, options);
    const brand = await this.brand(db, brandId, options);
    return all.pausedAt !== null || brand.pausedAt !== null;
  }
}

type BrandRow = {
  id: number;
  account_id: number;
  username: string;
  display_name: string;
  colour: string;
  external: number;
  undo_window_seconds: number;
  require_two_factor: number;
  workflow: string;
  paused_at: number | null;
  paused_by: number | null;
  pause_reason: string | null;
  created_at: number;
  updated_at: number;
};

function toRecord(row: BrandRow): BrandRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    username: row.username,
    displayName: row.display_name,
    colour: row.colour,
    external: row.external === 1,
    undoWindowSeconds: row.undo_window_seconds,
    requireTwoFactor: row.require_two_factor === 1,
    workflow: parseWorkflow(row.workflow),
    pausedAt: row.paused_at,
    pausedBy: row.paused_by,
    pauseReason: row.pause_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Stored workflows were validated when saved; this keeps the type honest and drops anything unknown. */
export function parseWorkflow(json: string): ApprovalPolicy {
  const raw = JSON.parse(json) as { steps?: unknown };
  const steps = Array.isArray(raw.steps) ? raw.steps : [];
  return {
    steps: steps.map((value): ApprovalStep => {
      const step = value as {
        id: string;
        name: string;
        approvers?: { people?: number[]; roles?: string[]; departments?: number[] };
        quorum: ApprovalStep['quorum'];
        when?: { screeningCategories?: string[] };
      };
      return {
        id: String(step.id),
        name: String(step.name),
        approvers: {
          people: (step.approvers?.people ?? []).map(Number),
          roles: (step.approvers?.roles ?? []).filter(isBrandRole),
          departments: (step.approvers?.departments ?? []).map(Number),
        },
        quorum: step.quorum,
        ...(step.when?.screeningCategories
          ? { when: { screeningCategories: step.when.screeningCategories } }
          : {}),
      };
    }),
  };
}
