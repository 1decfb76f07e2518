/**
 * Reports for the organization's moderators and admins (403 for everyone else):
 * GET /api/roost/v1/moderation/reports (`resolved=true|false`, newest first, Link pagination),
 * GET …/:id, and POST …/:id/resolve and …/:id/reopen.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import type { Report } from '../../../services/reports/report-service.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { presentModerationReport } from '../../presenters/report.js';
import type { App } from '../../types.js';

const params = z.object({ id: z.string().max(32) });
const query = pageQuery(20, 100).extend({ resolved: z.enum(['true', 'false']).optional() });

function reportId(params: { id: string }): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError('Report');
  return id;
}

async function present(ctx: AppContext, reports: Report[]) {
  const ids = reports.flatMap((r) => [
    r.accountId,
    r.targetAccountId,
    ...(r.actionTakenBy === null ? [] : [r.actionTakenBy]),
  ]);
  const accounts = await ctx.services.accounts.hydrate(ids);
  return reports.flatMap((report) => presentModerationReport(report, accounts, ctx) ?? []);
}

export function registerModerationReports(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/moderation/reports', { schema: { querystring: query } }, async (request, reply) => {
    const viewer = requireViewer(request, 'admin:read:reports');
    const resolved = request.query.resolved === undefined ? null : request.query.resolved === 'true';
    const reports = await ctx.services.reports.list(viewer, toPageRequest(request.query), { resolved });
    setLinkHeader(
      request,
      reply,
      reports.map((r) => r.id),
      ctx.config.baseUrl,
    );
    return present(ctx, reports);
  });

  app.get('/api/roost/v1/moderation/reports/:id', { schema: { params } }, async (request) => {
    const viewer = requireViewer(request, 'admin:read:reports');
    const [presented] = await present(ctx, [
      await ctx.services.reports.get(viewer, reportId(request.params)),
    ]);
    if (!presented) throw new NotFoundError('Report');
    return presented;
  });

  for (const [action, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    app.post(`/api/roost/v1/moderation/reports/:id/${action}`, { schema: { params } }, async (request) => {
      const viewer = requireViewer(request, 'admin:write:reports');
      const report = await ctx.services.reports.resolve(viewer, reportId(request.params), resolved);
      const [presented] = await present(ctx, [report]);
      if (!presented) throw new NotFoundError('Report');
      return presented;
    });
  }
}
