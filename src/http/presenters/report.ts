/**
 * Report entities in Mastodon's shape, as explicit allow-lists; the moderators' view adds who filed
 * the report and who resolved it.
 */
import type { HydratedAccount } from '../../services/accounts/hydrated-account.js';
import type { Report } from '../../services/reports/report-service.js';
import type { Rule } from '../../services/reports/rules.js';
import { presentAccount, type PresentContext } from './account.js';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function presentReport(report: Report, target: HydratedAccount, ctx: PresentContext) {
  return {
    id: String(report.id),
    action_taken: report.actionTakenAt !== null,
    action_taken_at: iso(report.actionTakenAt),
    category: report.category,
    comment: report.comment,
    forwarded: report.forwarded,
    created_at: new Date(report.createdAt).toISOString(),
    status_ids: report.statusIds.length > 0 ? report.statusIds.map(String) : null,
    rule_ids: report.ruleIds.length > 0 ? report.ruleIds.map(String) : null,
    target_account: presentAccount(target, ctx),
  };
}

/** For moderators: the report, the person who filed it and the one who resolved it. */
export function presentModerationReport(
  report: Report,
  accounts: Map<number, HydratedAccount>,
  ctx: PresentContext,
) {
  const target = accounts.get(report.targetAccountId);
  const reporter = accounts.get(report.accountId);
  if (!target || !reporter) return null;
  const resolver = report.actionTakenBy === null ? undefined : accounts.get(report.actionTakenBy);
  return {
    ...presentReport(report, target, ctx),
    account: presentAccount(reporter, ctx),
    action_taken_by_account: resolver ? presentAccount(resolver, ctx) : null,
  };
}

export function presentRule(rule: Rule) {
  return { id: String(rule.id), text: rule.text, hint: rule.hint };
}
