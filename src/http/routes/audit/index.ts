/**
 * The audit log for admins: GET /api/roost/v1/audit?brand_id&actor_id&action&from&to (newest first,
 * paginated with max_id/min_id/limit and a Link header) and GET /api/roost/v1/audit/export?format=
 * csv|json with the same filters (oldest first, as a download).
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { AuditFilter } from '../../../services/audit/audit-service.js';
import { requireAdmin } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { AUDIT_CSV_COLUMNS, auditCsvRow, presentAuditRow } from '../../presenters/audit.js';
import type { App } from '../../types.js';
import { toId, toTime } from '../brands/params.js';

const id = z.string().regex(/^\d{1,16}$/, 'must be a numeric ID');
const filters = z.object({
  brand_id: id.optional(),
  actor_id: id.optional(),
  action: z.string().max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});
const listQuery = pageQuery(50, 200).extend(filters.shape);
const exportQuery = filters.extend({ format: z.enum(['csv', 'json']).default('csv') });

function toFilter(query: z.infer<typeof filters>): AuditFilter {
  return {
    brandId: query.brand_id ? toId(query.brand_id, 'brand_id') : null,
    actorId: query.actor_id ? toId(query.actor_id, 'actor_id') : null,
    action: query.action ?? null,
    from: query.from ? toTime(query.from, 'from') : null,
    to: query.to ? toTime(query.to, 'to') : null,
  };
}

export function registerAuditRoutes(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/audit', { schema: { querystring: listQuery } }, async (request, reply) => {
    requireAdmin(request, 'admin:read');
    const rows = await ctx.services.audit.list(toFilter(request.query), toPageRequest(request.query));
    setLinkHeader(
      request,
      reply,
      rows.map((r) => r.id),
      ctx.config.baseUrl,
    );
    return rows.map(presentAuditRow);
  });

  app.get('/api/roost/v1/audit/export', { schema: { querystring: exportQuery } }, async (request, reply) => {
    requireAdmin(request, 'admin:read');
    const filter = toFilter(request.query);
    const stamp = new Date().toISOString().slice(0, 10);
    if (request.query.format === 'json') {
      const rows = [];
      for await (const row of ctx.services.audit.export(filter)) rows.push(presentAuditRow(row));
      void reply.header('content-disposition', `attachment; filename="roost-audit-${stamp}.json"`);
      return rows;
    }
    const lines: string[] = [AUDIT_CSV_COLUMNS.join(',')];
    for await (const row of ctx.services.audit.export(filter)) lines.push(auditCsvRow(row));
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="roost-audit-${stamp}.csv"`);
    return reply.send(`${lines.join('\r\n')}\r\n`);
  });
}
