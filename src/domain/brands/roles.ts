/**
 * Who may do what on a brand account: the roles a person holds in a brand and the permission
 * predicates over preloaded facts. Pure; services load the facts and ask here.
 */

export const BRAND_ROLES = ['contributor', 'approver', 'publisher', 'owner'] as const;
export type BrandRole = (typeof BRAND_ROLES)[number];

export function isBrandRole(value: string): value is BrandRole {
  return (BRAND_ROLES as readonly string[]).includes(value);
}

/** The person acting, as seen from one brand. */
export interface BrandActor {
  accountId: number;
  roles: ReadonlySet<BrandRole>;
  /** An administrator of the whole instance. */
  admin: boolean;
  /** Has two-factor sign-in enabled. */
  twoFactor: boolean;
  departmentId: number | null;
}

/** What the predicates need to know about the brand. */
export interface BrandFacts {
  external: boolean;
  requireTwoFactor: boolean;
  /** This brand is paused, or all brands are. */
  paused: boolean;
  /** People and departments the approval workflow names (they may see the brand to review). */
  workflowPeople: readonly number[];
  workflowDepartments: readonly number[];
}

export type BrandAction =
  | 'view'
  | 'write_draft'
  | 'comment'
  | 'publish'
  | 'manage_members'
  | 'manage_workflow'
  | 'manage_connectors'
  | 'manage_settings'
  | 'retry_delivery'
  | 'pause'
  | 'resume'
  | 'break_glass';

export function isMember(actor: BrandActor): boolean {
  return actor.roles.size > 0;
}

/** Named in the workflow as a person or through their department: may see the brand to review. */
export function isNamedReviewer(actor: BrandActor, brand: BrandFacts): boolean {
  return (
    brand.workflowPeople.includes(actor.accountId) ||
    (actor.departmentId !== null && brand.workflowDepartments.includes(actor.departmentId))
  );
}

export function canViewBrand(actor: BrandActor, brand: BrandFacts): boolean {
  return actor.admin || isMember(actor) || isNamedReviewer(actor, brand);
}

/** The role an action needs; admins may do the instance-level safety and membership actions. */
export function can(actor: BrandActor, action: BrandAction, brand: BrandFacts): boolean {
  const has = (role: BrandRole) => actor.roles.has(role);
  switch (action) {
    case 'view':
      return canViewBrand(actor, brand);
    case 'write_draft':
      return has('contributor');
    case 'comment':
      return canViewBrand(actor, brand);
    case 'publish':
      return has('publisher');
    case 'manage_members':
      return has('owner') || actor.admin;
    case 'manage_workflow':
    case 'manage_connectors':
    case 'manage_settings':
    case 'retry_delivery':
      return has('owner');
    case 'pause':
    case 'resume':
    case 'break_glass':
      return has('owner') || actor.admin;
  }
}

/**
 * Brands that speak to the public need two-factor sign-in from everyone who acts on them, unless
 * an owner relaxed it. Pausing is exempt: stopping publication must never be harder than starting it.
 */
export function needsTwoFactor(actor: BrandActor, action: BrandAction, brand: BrandFacts): boolean {
  if (action === 'view' || action === 'pause') return false;
  return brand.external && brand.requireTwoFactor && !actor.twoFactor;
}
