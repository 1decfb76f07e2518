/** Policy versions as the admin API shows them: who saved each, when, with what note and what changed. */
import type { AppContext } from '../../../context.js';
import type {
  PolicyVersion,
  PolicyVersionWithChanges,
} from '../../../services/screening/screening-service.js';
import { presentAccount } from '../../presenters/account.js';

function when(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

async function authors(ctx: AppContext, versions: PolicyVersion[]) {
  return ctx.services.accounts.hydrate(
    versions.map((v) => v.createdByAccountId).filter((id): id is number => id !== null),
  );
}

/** The current (or one) version with its whole document. */
export async function presentPolicyVersion(
  ctx: AppContext,
  version: PolicyVersion | PolicyVersionWithChanges,
) {
  const accounts = await authors(ctx, [version]);
  const author = version.createdByAccountId === null ? undefined : accounts.get(version.createdByAccountId);
  return {
    version: version.version,
    document: version.document,
    note: version.note,
    created_at: when(version.createdAt),
    created_by: author ? presentAccount(author, ctx) : null,
    ...('changes' in version ? { changes: version.changes } : {}),
  };
}

/** The history list: no documents (they can be large), just who changed what and when. */
export async function presentPolicyHistory(ctx: AppContext, versions: PolicyVersionWithChanges[]) {
  const accounts = await authors(ctx, versions);
  return versions.map((version) => {
    const author = version.createdByAccountId === null ? undefined : accounts.get(version.createdByAccountId);
    return {
      version: version.version,
      name: version.document.name ?? null,
      note: version.note,
      created_at: when(version.createdAt),
      created_by: author ? presentAccount(author, ctx) : null,
      changes: version.changes,
    };
  });
}
