/**
 * GET /api/roost/v1/brands/:id/calendar?from&to (a brand's scheduled and published posts) and
 * GET /api/roost/v1/brands/calendar?from&to (every brand; admins). Times are ISO 8601.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentCalendarEntry } from '../../presenters/draft.js';
import type { App } from '../../types.js';
import { brandParams, toId, toTime } from './params.js';

const rangeQuery = z.object({ from: z.string().max(40), to: z.string().max(40) });

export function registerCalendar(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/brands/calendar', { schema: { querystring: rangeQuery } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    const entries = await ctx.services.drafts.calendar(
      viewer,
      null,
      toTime(request.query.from, 'from'),
      toTime(request.query.to, 'to'),
    );
    return entries.map(presentCalendarEntry);
  });

  app.get(
    '/api/roost/v1/brands/:id/calendar',
    { schema: { params: brandParams, querystring: rangeQuery } },
    async (request) => {
      const viewer = requireViewer(request, 'read:statuses');
      const entries = await ctx.services.drafts.calendar(
        viewer,
        toId(request.params.id),
        toTime(request.query.from, 'from'),
        toTime(request.query.to, 'to'),
      );
      return entries.map(presentCalendarEntry);
    },
  );
}
