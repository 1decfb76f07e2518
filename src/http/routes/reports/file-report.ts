/**
 * POST /api/v1/reports: flags a person (and some of their posts the reporter can see) for the
 * moderators. Unknown or hidden accounts and posts answer 404; `forward` is accepted and ignored
 * (there is no other server to forward to).
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError, ValidationError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import { REPORT_CATEGORIES } from '../../../services/reports/report-service.js';
import { requireViewer } from '../../auth.js';
import { presentReport } from '../../presenters/report.js';
import type { App } from '../../types.js';
import { formBoolean } from '../statuses/status-params.js';

const id = z.union([z.string().max(32), z.number()]);
const ids = z.union([id, z.array(id)]).optional();

const body = z.object({
  account_id: id,
  status_ids: ids,
  comment: z.string().max(5000).optional(),
  forward: formBoolean.optional(),
  category: z.enum(REPORT_CATEGORIES as ['spam', 'violation', 'legal', 'other']).optional(),
  rule_ids: ids,
  forward_to_domains: z.unknown().optional(),
});

function idList(value: z.infer<typeof ids>, field: string): number[] {
  if (value === undefined) return [];
  return [value].flat().map((raw) => {
    const parsed = parseId(String(raw));
    if (parsed === null) throw new ValidationError(field, `"${String(raw)}" is not an id`);
    return parsed;
  });
}

export function registerFileReport(app: App, ctx: AppContext): void {
  app.post('/api/v1/reports', { schema: { body } }, async (request) => {
    const viewer = requireViewer(request, 'write:reports');
    const input = request.body;
    const targetAccountId = parseId(String(input.account_id));
    if (targetAccountId === null) throw new NotFoundError('Account');
    const report = await ctx.services.reports.create(viewer, {
      targetAccountId,
      statusIds: idList(input.status_ids, 'status_ids'),
      comment: input.comment,
      category: input.category,
      ruleIds: idList(input.rule_ids, 'rule_ids'),
      forward: input.forward,
    });
    const target = await ctx.services.accounts.get(viewer, report.targetAccountId);
    return presentReport(report, target, ctx);
  });
}
