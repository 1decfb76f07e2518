/**
 * Brand accounts: creating them (admins), their settings, members and roles, the approval
 * workflow, and pausing — one brand (owners, admins) or all of them (admins). Every change is
 * one transaction with its audit row.
 */
import type { Database } from '../../db/database.js';
import { AppError, ConflictError, ForbiddenError, ValidationError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { authorize } from '../../domain/brands/draft-machine.js';
import { BRAND_ROLES, canViewBrand, type BrandRole } from '../../domain/brands/roles.js';
import {
  defaultApprovalPolicy,
  SCREENING_REVIEW_STEP_ID,
  type ApprovalPolicy,
} from '../../domain/brands/workflow.js';
import type { Accounts } from '../accounts/account-service.js';
import type { Audit } from '../audit/audit-service.js';
import type { Viewer } from '../auth/viewer.js';
import { createBrandAccount, renameBrandAccount } from './brand-account.js';
import { workflowStep, type BrandAccess, type BrandContext } from './brand-access.js';
import type { BrandRecord, BrandStore, GlobalPause, Member } from './brand-store.js';

export interface NewBrand {
  username: string;
  displayName: string;
  colour?: string;
  external?: boolean;
  undoWindowSeconds?: number;
  ownerIds?: number[];
}

export interface BrandChange {
  displayName?: string;
  colour?: string;
  undoWindowSeconds?: number;
  external?: boolean;
  requireTwoFactor?: boolean;
  reason?: string;
}

/** What happens when publishing may go on again: the outbox sends what waited. */
export interface ResumeHook {
  afterResume(tx: Database, scope: { brandId: number } | 'all'): Promise<void>;
}

export interface PauseState {
  all: GlobalPause;
  brands: Array<{
    id: number;
    username: string;
    displayName: string;
    pausedAt: number;
    pausedBy: number | null;
    reason: string | null;
  }>;
}

export const DEFAULT_COLOUR = '#2563eb';
export const DEFAULT_UNDO_WINDOW_SECONDS = 60;
export const MAX_UNDO_WINDOW_SECONDS = 24 * 3600;
const COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;

export class Brands {
  private resumeHook: ResumeHook | null = null;

  constructor(
    private readonly database: Database,
    private readonly store: BrandStore,
    private readonly access: BrandAccess,
    private readonly accounts: Accounts,
    private readonly audit: Audit,
  ) {}

  onResume(hook: ResumeHook): void {
    this.resumeHook = hook;
  }

  async create(viewer: Viewer, input: NewBrand): Promise<BrandRecord> {
    if (viewer.role !== 'admin') throw new ForbiddenError('Only administrators create brand accounts');
    const colour = checkColour(input.colour ?? DEFAULT_COLOUR);
    const undo = checkUndoWindow(input.undoWindowSeconds ?? DEFAULT_UNDO_WINDOW_SECONDS);
    const owners = [...new Set(input.ownerIds ?? [])];
    await this.requirePeople(owners, 'owner_ids');
    const id = await this.database.transaction(async (tx) => {
      const accountId = await createBrandAccount(tx, this.accounts, {
        username: input.username,
        displayName: input.displayName,
      });
      const now = Date.now();
      const id = newId(now);
      const workflow = defaultApprovalPolicy();
      await tx.db
        .insertInto('brands')
        .values({
          id,
          account_id: accountId,
          colour,
          external: input.external ? 1 : 0,
          undo_window_seconds: undo,
          require_two_factor: 1,
          workflow: JSON.stringify(workflow),
          paused_at: null,
          paused_by: null,
          pause_reason: null,
          created_by: viewer.accountId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const owner of owners) {
        await tx.db
          .insertInto('brand_members')
          .values({ brand_id: id, account_id: owner, role: 'owner', created_at: now })
          .execute();
      }
      await this.audit.record(tx, {
        actorAccountId: viewer.accountId,
        action: 'brand.create',
        subjectType: 'brand',
        subjectId: id,
        brandId: id,
        after: {
          username: input.username,
          display_name: input.displayName,
          colour,
          external: !!input.external,
          undo_window_seconds: undo,
          owner_ids: owners.map(String),
        },
      });
      return id;
    });
    return this.store.brand(this.database, id);
  }

  /** Brands the viewer belongs to or reviews for; every brand for an admin who asks for all. */
  async list(viewer: Viewer, options: { all?: boolean } = {}): Promise<BrandContext[]> {
    const all = options.all === true && viewer.role === 'admin';
    const brands = await this.store.brands(this.database, 'all');
    const result: BrandContext[] = [];
    const person = await this.access.person(viewer);
    for (const brand of brands) {
      const actor = await this.access.actor(person, brand.id);
      const facts = await this.access.facts(brand);
      if (all || canViewBrand({ ...actor, admin: false }, facts)) result.push({ brand, actor, facts });
    }
    return result;
  }

  async get(viewer: Viewer, id: number): Promise<BrandContext> {
    return this.access.load(viewer, id);
  }

  async update(viewer: Viewer, id: number, change: BrandChange): Promise<BrandRecord> {
    const person = await this.access.person(viewer);
    await workflowStep(() =>
      this.database.transaction(async (tx) => {
        const { brand, actor, facts } = await this.access.load(viewer, id, tx, { lock: true, person });
        if (change.external !== undefined && change.external !== brand.external && viewer.role !== 'admin') {
          throw new ForbiddenError('Only administrators decide whether a brand publishes externally');
        }
        const onlyExternal = Object.entries(change).every(
          ([k, v]) => v === undefined || k === 'external' || k === 'reason',
        );
        if (!(onlyExternal && viewer.role === 'admin')) authorize(actor, 'manage_settings', facts);
        if (change.requireTwoFactor === false && brand.requireTwoFactor && !change.reason?.trim()) {
          throw new ValidationError('reason', 'say why two-factor sign-in is no longer required');
        }
        const before = settingsOf(brand);
        const after = {
          display_name: change.displayName ?? brand.displayName,
          colour: change.colour !== undefined ? checkColour(change.colour) : brand.colour,
          undo_window_seconds:
            change.undoWindowSeconds !== undefined
              ? checkUndoWindow(change.undoWindowSeconds)
              : brand.undoWindowSeconds,
          external: change.external ?? brand.external,
          require_two_factor: change.requireTwoFactor ?? brand.requireTwoFactor,
        };
        await tx.db
          .updateTable('brands')
          .set({
            colour: after.colour,
            undo_window_seconds: after.undo_window_seconds,
            external: after.external ? 1 : 0,
            require_two_factor: after.require_two_factor ? 1 : 0,
            updated_at: Date.now(),
          })
          .where('id', '=', id)
          .execute();
        if (change.displayName !== undefined)
          await renameBrandAccount(tx, brand.accountId, change.displayName);
        const action =
          after.require_two_factor !== before.require_two_factor
            ? after.require_two_factor
              ? 'brand.two_factor_required'
              : 'brand.two_factor_relaxed'
            : 'brand.update';
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action,
          subjectType: 'brand',
          subjectId: id,
          brandId: id,
          before,
          after,
          reason: change.reason ?? null,
        });
      }),
    );
    return this.store.brand(this.database, id);
  }

  async members(viewer: Viewer, id: number): Promise<Member[]> {
    await this.access.load(viewer, id);
    return this.store.members(this.database, id);
  }

  /** Sets a person's roles in the brand (an empty list removes them). The last owner stays. */
  async setRoles(viewer: Viewer, id: number, accountId: number, roles: BrandRole[]): Promise<Member | null> {
    const wanted = [...new Set(roles)].sort((a, b) => BRAND_ROLES.indexOf(a) - BRAND_ROLES.indexOf(b));
    if (wanted.length > 0) await this.requirePeople([accountId], 'account_id');
    const person = await this.access.person(viewer);
    await workflowStep(() =>
      this.database.transaction(async (tx) => {
        const { actor, facts } = await this.access.load(viewer, id, tx, { lock: true, person });
        authorize(actor, 'manage_members', facts);
        const current = [...(await this.store.roles(tx, id, accountId))];
        const members = await this.store.members(tx, id);
        const otherOwners = members.filter((m) => m.accountId !== accountId && m.roles.includes('owner'));
        if (current.includes('owner') && !wanted.includes('owner') && otherOwners.length === 0) {
          throw new ConflictError('A brand keeps at least one owner: add another owner first');
        }
        await tx.db
          .deleteFrom('brand_members')
          .where('brand_id', '=', id)
          .where('account_id', '=', accountId)
          .execute();
        const now = Date.now();
        if (wanted.length > 0) {
          await tx.db
            .insertInto('brand_members')
            .values(wanted.map((role) => ({ brand_id: id, account_id: accountId, role, created_at: now })))
            .execute();
        }
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action:
            wanted.length === 0 ? 'member.remove' : current.length === 0 ? 'member.add' : 'member.change',
          subjectType: 'member',
          subjectId: accountId,
          brandId: id,
          before: { roles: current.sort() },
          after: { roles: wanted },
        });
      }),
    );
    const after = await this.store.members(this.database, id);
    return after.find((m) => m.accountId === accountId) ?? null;
  }

  async workflow(viewer: Viewer, id: number): Promise<ApprovalPolicy> {
    const { brand } = await this.access.load(viewer, id);
    return brand.workflow;
  }

  async setWorkflow(viewer: Viewer, id: number, policy: ApprovalPolicy): Promise<ApprovalPolicy> {
    await this.checkWorkflow(policy);
    const person = await this.access.person(viewer);
    await workflowStep(() =>
      this.database.transaction(async (tx) => {
        const { brand, actor, facts } = await this.access.load(viewer, id, tx, { lock: true, person });
        authorize(actor, 'manage_workflow', facts);
        await tx.db
          .updateTable('brands')
          .set({ workflow: JSON.stringify(policy), updated_at: Date.now() })
          .where('id', '=', id)
          .execute();
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action: 'workflow.update',
          subjectType: 'workflow',
          subjectId: id,
          brandId: id,
          before: brand.workflow,
          after: policy,
        });
      }),
    );
    return (await this.store.brand(this.database, id)).workflow;
  }

  async pause(viewer: Viewer, id: number, reason: string): Promise<BrandRecord> {
    requireReason(reason);
    const person = await this.access.person(viewer);
    await workflowStep(() =>
      this.database.transaction(async (tx) => {
        const { brand, actor, facts } = await this.access.load(viewer, id, tx, { lock: true, person });
        authorize(actor, 'pause', facts);
        if (brand.pausedAt !== null)
          throw new AppError('conflict', 'This brand is already paused', { reason: 'paused' });
        const now = Date.now();
        await tx.db
          .updateTable('brands')
          .set({ paused_at: now, paused_by: viewer.accountId, pause_reason: reason.trim(), updated_at: now })
          .where('id', '=', id)
          .execute();
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action: 'pause.brand',
          subjectType: 'pause',
          subjectId: id,
          brandId: id,
          reason: reason.trim(),
        });
      }),
    );
    return this.store.brand(this.database, id);
  }

  /** Resuming is explicit and needs a reason; what waited is screened again before it goes. */
  async resume(viewer: Viewer, id: number, reason: string): Promise<BrandRecord> {
    requireReason(reason);
    const person = await this.access.person(viewer);
    await workflowStep(() =>
      this.database.transaction(async (tx) => {
        const { brand, actor, facts } = await this.access.load(viewer, id, tx, { lock: true, person });
        authorize(actor, 'resume', facts);
        if (brand.pausedAt === null)
          throw new AppError('conflict', 'This brand is not paused', { reason: 'not_paused' });
        await tx.db
          .updateTable('brands')
          .set({ paused_at: null, paused_by: null, pause_reason: null, updated_at: Date.now() })
          .where('id', '=', id)
          .execute();
        await this.audit.record(tx, {
          actorAccountId: viewer.accountId,
          action: 'pause.brand_resume',
          subjectType: 'pause',
          subjectId: id,
          brandId: id,
          before: {
            paused_at: brand.pausedAt,
            paused_by: brand.pausedBy === null ? null : String(brand.pausedBy),
            reason: brand.pauseReason,
          },
          reason: reason.trim(),
        });
        await this.resumeHook?.afterResume(tx, { brandId: id });
      }),
    );
    return this.store.brand(this.database, id);
  }

  async pauseAll(viewer: Viewer, reason: string): Promise<GlobalPause> {
    if (viewer.role !== 'admin') throw new ForbiddenError('Only administrators pause every brand');
    requireReason(reason);
    await this.database.transaction(async (tx) => {
      const current = await this.store.globalPause(tx, { lock: true });
      if (current.pausedAt !== null)
        throw new AppError('conflict', 'All brands are already paused', { reason: 'paused' });
      const now = Date.now();
      await tx.db
        .updateTable('publishing_pauses')
        .set({ paused_at: now, paused_by: viewer.accountId, reason: reason.trim(), updated_at: now })
        .where('scope', '=', 'all')
        .execute();
      await this.audit.record(tx, {
        actorAccountId: viewer.accountId,
        action: 'pause.all',
        subjectType: 'pause',
        subjectId: null,
        brandId: null,
        reason: reason.trim(),
      });
    });
    return this.store.globalPause(this.database);
  }

  async resumeAll(viewer: Viewer, reason: string): Promise<GlobalPause> {
    if (viewer.role !== 'admin') throw new ForbiddenError('Only administrators resume every brand');
    requireReason(reason);
    await this.database.transaction(async (tx) => {
      const current = await this.store.globalPause(tx, { lock: true });
      if (current.pausedAt === null)
        throw new AppError('conflict', 'Brands are not paused', { reason: 'not_paused' });
      await tx.db
        .updateTable('publishing_pauses')
        .set({ paused_at: null, paused_by: null, reason: null, updated_at: Date.now() })
        .where('scope', '=', 'all')
        .execute();
      await this.audit.record(tx, {
        actorAccountId: viewer.accountId,
        action: 'pause.all_resume',
        subjectType: 'pause',
        subjectId: null,
        brandId: null,
        before: {
          paused_at: current.pausedAt,
          paused_by: current.pausedBy === null ? null : String(current.pausedBy),
          reason: current.reason,
        },
        reason: reason.trim(),
      });
      await this.resumeHook?.afterResume(tx, 'all');
    });
    return this.store.globalPause(this.database);
  }

  /** For the banner: the global pause and the paused brands the viewer can see. */
  async pauseState(viewer: Viewer): Promise<PauseState> {
    const all = await this.store.globalPause(this.database);
    const visible = await this.list(viewer, { all: viewer.role === 'admin' });
    return {
      all,
      brands: visible
        .filter(({ brand }) => brand.pausedAt !== null)
        .map(({ brand }) => ({
          id: brand.id,
          username: brand.username,
          displayName: brand.displayName,
          pausedAt: brand.pausedAt!,
          pausedBy: brand.pausedBy,
          reason: brand.pauseReason,
        })),
    };
  }

  /** Steps must be distinct and name someone; named people and departments must exist. */
  private async checkWorkflow(policy: ApprovalPolicy): Promise<void> {
    const ids = new Set<string>();
    const departments = new Set((await this.accounts.listDepartments()).map((d) => d.id));
    for (const [index, step] of policy.steps.entries()) {
      const field = `steps.${index}`;
      if (step.id === SCREENING_REVIEW_STEP_ID)
        throw new ValidationError(
          `${field}.id`,
          `"${SCREENING_REVIEW_STEP_ID}" is reserved for screening review`,
        );
      if (ids.has(step.id)) throw new ValidationError(`${field}.id`, `"${step.id}" is used by another step`);
      ids.add(step.id);
      const { people, roles, departments: depts } = step.approvers;
      if (people.length + roles.length + depts.length === 0)
        throw new ValidationError(`${field}.approvers`, 'must name people, roles or departments');
      await this.requirePeople(people, `${field}.approvers.people`);
      depts.forEach((d, i) => {
        if (!departments.has(d))
          throw new ValidationError(`${field}.approvers.departments.${i}`, 'is not a department');
      });
    }
  }

  private async requirePeople(ids: readonly number[], field: string): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.accounts.hydrate([...ids]);
    ids.forEach((id, i) => {
      const account = found.get(id);
      if (!account || account.kind !== 'person' || account.suspended_at !== null) {
        throw new ValidationError(
          field.endsWith('account_id') ? field : `${field}.${i}`,
          'is not an active person',
        );
      }
    });
  }
}

function settingsOf(brand: BrandRecord) {
  return {
    display_name: brand.displayName,
    colour: brand.colour,
    undo_window_seconds: brand.undoWindowSeconds,
    external: brand.external,
    require_two_factor: brand.requireTwoFactor,
  };
}

function checkColour(colour: string): string {
  if (!COLOUR_PATTERN.test(colour)) throw new ValidationError('colour', 'must be a hex colour like #2563eb');
  return colour.toLowerCase();
}

function checkUndoWindow(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_UNDO_WINDOW_SECONDS) {
    throw new ValidationError(
      'undo_window_seconds',
      `must be a whole number of seconds from 0 to ${MAX_UNDO_WINDOW_SECONDS}`,
    );
  }
  return seconds;
}

function requireReason(reason: string): void {
  if (reason.trim() === '') throw new ValidationError('reason', 'is required');
}
