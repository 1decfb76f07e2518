/**
 * Who could approve a brand's steps: its members with their roles, the people the steps name,
 * and the members of the departments they name — each with their department. Suspended people
 * are left out, so their approvals stop counting.
 *
 * Two phases, because the accounts service reads on its own connection: `prepare` (before the
 * transaction) learns who is an active person and their department; `resolve` (inside it) reads
 * the brand's current roles, so a role revoked a moment ago already counts as revoked.
 */
import type { Database } from '../../db/database.js';
import type { ApprovalStep, Candidate } from '../../domain/brands/workflow.js';
import type { Accounts } from '../accounts/account-service.js';
import type { BrandStore } from '../brands/brand-store.js';

/** Departments larger than this count only their first members towards an `all` quorum. */
const DEPARTMENT_LIMIT = 1000;

export interface PreparedPeople {
  /** Active people who could be candidates, with their department. */
  people: Map<number, number | null>;
  /** Named directly by a step or through a department (not only as a member). */
  named: Set<number>;
}

export class CandidateResolver {
  constructor(
    private readonly database: Database,
    private readonly store: BrandStore,
    private readonly accounts: Accounts,
  ) {}

  /** Outside any transaction. */
  async prepare(brandId: number, steps: readonly ApprovalStep[]): Promise<PreparedPeople> {
    const members = await this.store.members(this.database, brandId);
    const named = new Set<number>();
    for (const step of steps) for (const person of step.approvers.people) named.add(person);
    const departments = [...new Set(steps.flatMap((s) => s.approvers.departments))];
    for (const departmentId of departments) {
      for (const id of await this.accounts.directory({ departmentId, offset: 0, limit: DEPARTMENT_LIMIT }))
        named.add(id);
    }
    const ids = [...new Set([...members.map((m) => m.accountId), ...named])];
    const accounts = await this.accounts.hydrate(ids);
    const people = new Map<number, number | null>();
    for (const id of ids) {
      const account = accounts.get(id);
      if (account && account.kind === 'person' && account.suspended_at === null)
        people.set(id, account.department_id);
    }
    return { people, named };
  }

  /** Inside the transaction that decides. */
  async resolve(db: Database, brandId: number, prepared: PreparedPeople): Promise<Candidate[]> {
    const members = await this.store.members(db, brandId);
    const roles = new Map(members.map((m) => [m.accountId, m.roles]));
    const ids = new Set([...roles.keys(), ...prepared.named]);
    const candidates: Candidate[] = [];
    for (const id of ids) {
      if (!prepared.people.has(id)) continue;
      candidates.push({
        accountId: id,
        roles: roles.get(id) ?? [],
        departmentId: prepared.people.get(id) ?? null,
      });
    }
    return candidates;
  }

  /** Both phases at once, outside a transaction (for reading a draft's progress). */
  async current(brandId: number, steps: readonly ApprovalStep[]): Promise<Candidate[]> {
    return this.resolve(this.database, brandId, await this.prepare(brandId, steps));
  }
}
