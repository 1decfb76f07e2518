/**
 * The screening side of a post: each screening that found something (`post_screenings`), the
 * moderators' decisions on it (`moderation_decisions`), and loading both for the posts a viewer
 * may see in their held or removed state (the author, and moderators through the queue).
 */
import type { Database } from '../../db/database.js';
import type { ModerationState } from '../../db/schema.js';
import { newId } from '../../domain/ids.js';
import type { Action } from '../../screening/index.js';
import type { FieldFinding, PostScreening } from '../screening/post-screening.js';

export interface ModerationDecision {
  decision: 'release' | 'remove';
  reason: string;
  decidedAt: number;
  moderatorAccountId: number | null;
}

export interface StatusModeration {
  state: ModerationState;
  /** The latest screening that found something, if any. */
  action: Action | null;
  findings: FieldFinding[];
  policyVersion: number | null;
  screenedAt: number | null;
  /** The latest moderator decision, if any. */
  decision: ModerationDecision | null;
}

export async function recordScreening(
  tx: Database,
  statusId: number,
  screening: PostScreening,
  now: number,
): Promise<void> {
  tx.assertTransaction();
  await tx.db
    .insertInto('post_screenings')
    .values({
      id: newId(now),
      status_id: statusId,
      action: screening.action,
      findings: JSON.stringify(screening.findings),
      policy_version: screening.policyVersion,
      created_at: now,
    })
    .execute();
}

export async function recordDecision(
  tx: Database,
  input: {
    statusId: number;
    moderator: { userId: number; accountId: number };
    decision: 'release' | 'remove';
    reason: string;
  },
): Promise<ModerationDecision> {
  tx.assertTransaction();
  const now = Date.now();
  await tx.db
    .insertInto('moderation_decisions')
    .values({
      id: newId(now),
      status_id: input.statusId,
      moderator_user_id: input.moderator.userId,
      moderator_account_id: input.moderator.accountId,
      decision: input.decision,
      reason: input.reason,
      decided_at: now,
    })
    .execute();
  return {
    decision: input.decision,
    reason: input.reason,
    decidedAt: now,
    moderatorAccountId: input.moderator.accountId,
  };
}

/** The latest screening and decision of each post, in two queries. */
export async function loadModeration(
  database: Database,
  statuses: { id: number; moderation_state: ModerationState }[],
): Promise<Map<number, StatusModeration>> {
  const result = new Map<number, StatusModeration>();
  if (statuses.length === 0) return result;
  const ids = statuses.map((s) => s.id);
  const [screenings, decisions] = await Promise.all([
    database.db
      .selectFrom('post_screenings')
      .selectAll()
      .where('status_id', 'in', ids)
      .orderBy('id', 'asc')
      .execute(),
    database.db
      .selectFrom('moderation_decisions')
      .selectAll()
      .where('status_id', 'in', ids)
      .orderBy('id', 'asc')
      .execute(),
  ]);
  // Ascending order: the last row seen per post is its latest.
  const latestScreening = new Map(screenings.map((s) => [s.status_id, s]));
  const latestDecision = new Map(decisions.map((d) => [d.status_id, d]));
  for (const status of statuses) {
    const screening = latestScreening.get(status.id);
    const decision = latestDecision.get(status.id);
    result.set(status.id, {
      state: status.moderation_state,
      action: screening?.action ?? null,
      findings: screening ? (JSON.parse(screening.findings) as FieldFinding[]) : [],
      policyVersion: screening ? Number(screening.policy_version) : null,
      screenedAt: screening ? Number(screening.created_at) : null,
      decision: decision
        ? {
            decision: decision.decision,
            reason: decision.reason,
            decidedAt: Number(decision.decided_at),
            moderatorAccountId: decision.moderator_account_id,
          }
        : null,
    });
  }
  return result;
}
