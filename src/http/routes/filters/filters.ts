/** GET/POST /api/v2/filters and GET/PUT/DELETE /api/v2/filters/:id: the viewer's own filters. */
import { NotFoundError } from '../../../domain/errors.js';
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentFilter } from '../../presenters/filter.js';
import type { App } from '../../types.js';
import { filterInputFrom, idFrom, idParams } from './filter-params.js';

export function registerFilterCrud(app: App, ctx: AppContext): void {
  app.get('/api/v2/filters', async (request) => {
    const viewer = requireViewer(request, 'read:filters');
    return (await ctx.services.filters.list(viewer)).map(presentFilter);
  });

  app.get('/api/v2/filters/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:filters');
    return presentFilter(await ctx.services.filters.get(viewer, idFrom(request.params, 'Filter')));
  });

  app.post('/api/v2/filters', async (request) => {
    const viewer = requireViewer(request, 'write:filters');
    const input = filterInputFrom(request.body);
    if (input.keywords.some((k) => k.id !== undefined)) {
      throw new NotFoundError('Filter keyword');
    }
    const keywords = input.keywords
      .filter((k) => !k.destroy)
      .map((k) => ({ keyword: k.keyword ?? '', wholeWord: k.wholeWord }));
    return presentFilter(await ctx.services.filters.create(viewer, { ...input, keywords }));
  });

  app.put('/api/v2/filters/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:filters');
    const id = idFrom(request.params, 'Filter');
    return presentFilter(await ctx.services.filters.update(viewer, id, filterInputFrom(request.body)));
  });

  app.delete('/api/v2/filters/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:filters');
    await ctx.services.filters.remove(viewer, idFrom(request.params, 'Filter'));
    return {};
  });
}
