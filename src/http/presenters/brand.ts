/** Brand accounts, their members, workflow and pause state, as explicit allow-lists. */
import { can, needsTwoFactor, type BrandRole } from '../../domain/brands/roles.js';
import type { ApprovalPolicy } from '../../domain/brands/workflow.js';
import type { HydratedAccount } from '../../services/accounts/hydrated-account.js';
import type { BrandContext } from '../../services/brands/brand-access.js';
import type { GlobalPause } from '../../services/brands/brand-store.js';
import type { PauseState } from '../../services/brands/brand-service.js';
import type { ConnectorRecord } from '../../services/connectors/connector-service.js';
import type { AllowlistEntry } from '../../services/connectors/allowlist.js';
import { presentAccount, type PresentContext } from './account.js';

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function presentBrand({ brand, actor, facts }: BrandContext) {
  return {
    id: String(brand.id),
    account_id: String(brand.accountId),
    username: brand.username,
    display_name: brand.displayName,
    colour: brand.colour,
    external: brand.external,
    undo_window_seconds: brand.undoWindowSeconds,
    require_two_factor: brand.requireTwoFactor,
    paused: facts.paused,
    pause:
      brand.pausedAt === null
        ? null
        : {
            paused_at: iso(brand.pausedAt),
            paused_by: brand.pausedBy === null ? null : String(brand.pausedBy),
            reason: brand.pauseReason,
          },
    created_at: iso(brand.createdAt),
    roles: [...actor.roles],
    two_factor_needed: needsTwoFactor(actor, 'write_draft', facts),
    can: {
      write_drafts: can(actor, 'write_draft', facts),
      publish: can(actor, 'publish', facts),
      manage_members: can(actor, 'manage_members', facts),
      manage_workflow: can(actor, 'manage_workflow', facts),
      manage_connectors: can(actor, 'manage_connectors', facts),
      manage_settings: can(actor, 'manage_settings', facts),
      pause: can(actor, 'pause', facts),
    },
  };
}

export function presentMember(
  member: { accountId: number; roles: BrandRole[]; since: number },
  account: HydratedAccount | undefined,
  ctx: PresentContext,
) {
  return {
    account_id: String(member.accountId),
    account: account ? presentAccount(account, ctx) : null,
    roles: member.roles,
    since: iso(member.since),
  };
}

export function presentWorkflow(policy: ApprovalPolicy) {
  return {
    steps: policy.steps.map((step) => ({
      id: step.id,
      name: step.name,
      approvers: {
        people: step.approvers.people.map(String),
        roles: [...step.approvers.roles],
        departments: step.approvers.departments.map(String),
      },
      quorum: step.quorum,
      when: step.when ? { screening_categories: [...step.when.screeningCategories] } : null,
    })),
  };
}

export function presentGlobalPause(pause: GlobalPause) {
  return {
    paused: pause.pausedAt !== null,
    paused_at: iso(pause.pausedAt),
    paused_by: pause.pausedBy === null ? null : String(pause.pausedBy),
    reason: pause.reason,
  };
}

export function presentPauseState(state: PauseState) {
  return {
    all: presentGlobalPause(state.all),
    brands: state.brands.map((b) => ({
      id: String(b.id),
      username: b.username,
      display_name: b.displayName,
      paused_at: iso(b.pausedAt),
      paused_by: b.pausedBy === null ? null : String(b.pausedBy),
      reason: b.reason,
    })),
  };
}

/** Never the secret itself: its last characters only. */
export function presentConnector(connector: ConnectorRecord) {
  return {
    id: String(connector.id),
    brand_id: String(connector.brandId),
    kind: connector.kind,
    name: connector.name,
    settings: connector.settings,
    secret_hint: connector.secretHint,
    max_attempts: connector.maxAttempts,
    enabled: connector.enabled,
    created_at: iso(connector.createdAt),
    updated_at: iso(connector.updatedAt),
  };
}

export function presentAllowlistEntry(entry: AllowlistEntry) {
  return {
    id: String(entry.id),
    host: entry.host,
    created_by: entry.createdBy === null ? null : String(entry.createdBy),
    created_at: iso(entry.createdAt),
  };
}
