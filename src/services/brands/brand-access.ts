/**
 * Who the viewer is to a brand: their roles, whether they are an admin, whether they have
 * two-factor sign-in, their department — the facts the pure predicates in src/domain/brands
 * decide on. A brand the viewer may not see answers 404, like a missing one.
 */
import type { Database } from '../../db/database.js';
import { AppError, NotFoundError, ValidationError } from '../../domain/errors.js';
import { WorkflowError } from '../../domain/brands/errors.js';
import { canViewBrand, type BrandActor, type BrandFacts } from '../../domain/brands/roles.js';
import type { Accounts } from '../accounts/account-service.js';
import type { Viewer } from '../auth/viewer.js';
import type { TwoFactor } from '../two-factor/two-factor-service.js';
import type { BrandRecord, BrandStore } from './brand-store.js';

export interface BrandContext {
  brand: BrandRecord;
  actor: BrandActor;
  facts: BrandFacts;
}

/** What about the viewer does not depend on the brand; loaded before a transaction starts. */
export interface PersonFacts {
  accountId: number;
  admin: boolean;
  twoFactor: boolean;
  departmentId: number | null;
}

export class BrandAccess {
  constructor(
    private readonly database: Database,
    private readonly store: BrandStore,
    private readonly accounts: Accounts,
    private readonly twoFactor: TwoFactor,
  ) {}

  /**
   * Reads other services, which use their own connection: call it outside transactions (on
   * SQLite a read outside the open transaction would wait for it forever).
   */
  async person(viewer: Pick<Viewer, 'accountId' | 'role'>): Promise<PersonFacts> {
    const [account, enabled] = await Promise.all([
      this.accounts.hydrate([viewer.accountId]),
      this.twoFactor.enabledAmong([viewer.accountId]),
    ]);
    return {
      accountId: viewer.accountId,
      admin: viewer.role === 'admin',
      twoFactor: enabled.has(viewer.accountId),
      departmentId: account.get(viewer.accountId)?.department_id ?? null,
    };
  }

  async actor(person: PersonFacts, brandId: number, db: Database = this.database): Promise<BrandActor> {
    return { ...person, roles: await this.store.roles(db, brandId, person.accountId) };
  }

  async facts(
    brand: BrandRecord,
    db: Database = this.database,
    options: { lock?: boolean } = {},
  ): Promise<BrandFacts> {
    const all = await this.store.globalPause(db, options);
    return {
      external: brand.external,
      requireTwoFactor: brand.requireTwoFactor,
      paused: all.pausedAt !== null || brand.pausedAt !== null,
      workflowPeople: brand.workflow.steps.flatMap((s) => s.approvers.people),
      workflowDepartments: brand.workflow.steps.flatMap((s) => s.approvers.departments),
    };
  }

  /**
   * The brand with the viewer's standing in it; 404 unless the viewer may see it. Inside a
   * transaction pass `tx`, the `person` loaded before it, and `lock` to hold the brand row.
   */
  async load(
    viewer: Pick<Viewer, 'accountId' | 'role'>,
    brandId: number,
    db: Database = this.database,
    options: { lock?: boolean; person?: PersonFacts } = {},
  ): Promise<BrandContext> {
    if (db.isTransaction && !options.person) throw new Error('load the person before the transaction');
    const person = options.person ?? (await this.person(viewer));
    const brand = await this.store.find(db, brandId, options);
    if (!brand) throw new NotFoundError('Brand');
    const actor = await this.actor(person, brandId, db);
    // Only the brand's row is locked here; decisions that hinge on the pause lock the pause rows themselves.
    const facts = await this.facts(brand, db);
    if (!canViewBrand(actor, facts)) throw new NotFoundError('Brand');
    return { brand, actor, facts };
  }
}

/** The workflow's typed refusals as HTTP-mapped domain errors. */
export function asAppError(error: unknown): unknown {
  if (!(error instanceof WorkflowError)) return error;
  switch (error.code) {
    case 'invalid_state':
    case 'paused':
    case 'not_paused':
      return new AppError('conflict', error.message, { reason: error.code });
    case 'two_factor_required':
      return new AppError('two_factor_required', error.message);
    case 'comment_required':
      return new ValidationError('comment', error.message);
    case 'reason_required':
      return new ValidationError('reason', error.message);
    case 'role_required':
    case 'four_eyes':
    case 'already_approved':
    case 'not_eligible':
    case 'same_person':
      return new AppError('forbidden', error.message, { reason: error.code });
  }
}

/** Runs `fn`, turning a WorkflowError into the AppError the HTTP layer maps. */
export async function workflowStep<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asAppError(error);
  }
}
