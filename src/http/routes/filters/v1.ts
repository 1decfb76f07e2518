/**
 * GET /api/v1/filters and GET /api/v1/filters/:id: the deprecated v1 view, read-only. As in
 * Mastodon 4, each keyword of a v2 filter appears as one V1::Filter with the keyword's id.
 */
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import { presentV1Filter } from '../../presenters/filter.js';
import type { App } from '../../types.js';
import { idFrom, idParams } from './filter-params.js';

export function registerV1Filters(app: App, ctx: AppContext): void {
  app.get('/api/v1/filters', async (request) => {
    const viewer = requireViewer(request, 'read:filters');
    const filters = await ctx.services.filters.list(viewer);
    return filters.flatMap((filter) => filter.keywords.map((keyword) => presentV1Filter(filter, keyword)));
  });

  app.get('/api/v1/filters/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:filters');
    const keyword = await ctx.services.filters.keyword(viewer, idFrom(request.params, 'Filter'));
    const filter = await ctx.services.filters.get(viewer, keyword.filter_id);
    const found = filter.keywords.find((k) => k.id === keyword.id);
    if (!found) throw new NotFoundError('Filter');
    return presentV1Filter(filter, found);
  });
}
