/**
 * Reports: anyone may flag a person (and some of that person's posts they can see) for the
 * organization's moderators. Moderators and admins list them and mark them resolved. Roost has no
 * other servers, so nothing is ever forwarded.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ReportCategory, ReportTable } from '../../db/schema.js';
import { AppError, ForbiddenError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import { finishPage, lowerBound, pageOrder, type PageRequest } from '../../domain/pagination.js';
import type { Accounts } from '../accounts/account-service.js';
import type { Viewer } from '../auth/viewer.js';
import type { Posts } from '../posts/post-service.js';
import { isModerator } from '../posts/post-viewer.js';
import { RULES, type Rule } from './rules.js';

export interface Report {
  id: number;
  accountId: number;
  targetAccountId: number;
  category: ReportCategory;
  comment: string;
  statusIds: number[];
  ruleIds: number[];
  forwarded: boolean;
  actionTakenAt: number | null;
  actionTakenBy: number | null;
  createdAt: number;
}

export interface NewReport {
  targetAccountId: number;
  statusIds?: number[];
  comment?: string;
  category?: ReportCategory;
  ruleIds?: number[];
  forward?: boolean;
}

export const REPORT_CATEGORIES: readonly ReportCategory[] = ['spam', 'violation', 'legal', 'other'];
export const MAX_COMMENT_LENGTH = 1000;
export const MAX_REPORTED_STATUSES = 100;

export class Reports {
  constructor(
    private readonly database: Database,
    private readonly accounts: Accounts,
    private readonly posts: Posts,
    private readonly rules: readonly Rule[] = RULES,
  ) {}

  instanceRules(): readonly Rule[] {
    return this.rules;
  }

  async create(viewer: Viewer, input: NewReport, now = Date.now()): Promise<Report> {
    const target = await this.accounts.get(viewer, input.targetAccountId);
    if (target.id === viewer.accountId) {
      throw new AppError('unprocessable', 'account_id: you cannot report yourself', { field: 'account_id' });
    }
    const comment = input.comment ?? '';
    if ([...comment].length > MAX_COMMENT_LENGTH) {
      throw new AppError('unprocessable', `comment: must be at most ${MAX_COMMENT_LENGTH} characters`, {
        field: 'comment',
      });
    }
    const statusIds = [...new Set(input.statusIds ?? [])];
    if (statusIds.length > MAX_REPORTED_STATUSES) {
      throw new AppError('unprocessable', `status_ids: at most ${MAX_REPORTED_STATUSES} posts`, {
        field: 'status_ids',
      });
    }
    if (statusIds.length > 0) {
      // Only the reported person's own posts that the reporter may see; anything else is not there (404).
      const visible = await this.posts.hydrate(viewer, statusIds);
      const byTarget = new Set(visible.filter((s) => s.account_id === target.id).map((s) => s.id));
      if (statusIds.some((id) => !byTarget.has(id))) throw new NotFoundError('Status');
    }
    const ruleIds = [...new Set(input.ruleIds ?? [])];
    // As in Mastodon: naming rules makes it a violation report, and a violation must name real rules.
    const category: ReportCategory = ruleIds.length > 0 ? 'violation' : (input.category ?? 'other');
    if (category === 'violation') {
      const known = new Set(this.rules.map((r) => r.id));
      if (ruleIds.length === 0 || ruleIds.some((id) => !known.has(id))) {
        throw new AppError('unprocessable', 'rule_ids: does not reference valid rules', {
          field: 'rule_ids',
        });
      }
    }
    const row: Selectable<ReportTable> = {
      id: newId(now),
      account_id: viewer.accountId,
      target_account_id: target.id,
      category,
      comment,
      status_ids: JSON.stringify(statusIds),
      rule_ids: JSON.stringify(ruleIds),
      forwarded: 0,
      action_taken_at: null,
      action_taken_by: null,
      created_at: now,
    };
    await this.database.db.insertInto('reports').values(row).execute();
    return toReport(row);
  }

  /** For moderators and admins: reports newest first, open ones only unless `resolved` is asked. */
  async list(viewer: Viewer, page: PageRequest, filter: { resolved: boolean | null }): Promise<Report[]> {
    assertModerator(viewer);
    let query = this.database.db.selectFrom('reports').selectAll();
    if (filter.resolved === true) query = query.where('action_taken_at', 'is not', null);
    if (filter.resolved === false) query = query.where('action_taken_at', 'is', null);
    if (page.maxId !== null) query = query.where('id', '<', page.maxId);
    const lower = lowerBound(page);
    if (lower !== null) query = query.where('id', '>', lower);
    const rows = await query.orderBy('id', pageOrder(page)).limit(page.limit).execute();
    return finishPage(rows, page).map(toReport);
  }

  async get(viewer: Viewer, id: number): Promise<Report> {
    assertModerator(viewer);
    const row = await this.database.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Report');
    return toReport(row);
  }

  /** Marks a report handled (or, with `resolved` false, open again). */
  async resolve(viewer: Viewer, id: number, resolved = true, now = Date.now()): Promise<Report> {
    await this.get(viewer, id);
    await this.database.db
      .updateTable('reports')
      .set(
        resolved
          ? { action_taken_at: now, action_taken_by: viewer.accountId }
          : { action_taken_at: null, action_taken_by: null },
      )
      .where('id', '=', id)
      .execute();
    return this.get(viewer, id);
  }
}

function assertModerator(viewer: Viewer): void {
  if (!isModerator(viewer)) throw new ForbiddenError('Only moderators and administrators may read reports');
}

function idArray(json: string): number[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((v): v is number => typeof v === 'number') : [];
  } catch {
    return [];
  }
}

function toReport(row: Selectable<ReportTable>): Report {
  return {
    id: row.id,
    accountId: row.account_id,
    targetAccountId: row.target_account_id,
    category: row.category,
    comment: row.comment,
    statusIds: idArray(row.status_ids),
    ruleIds: idArray(row.rule_ids),
    forwarded: row.forwarded === 1,
    actionTakenAt: row.action_taken_at,
    actionTakenBy: row.action_taken_by,
    createdAt: row.created_at,
  };
}
