/**
 * Keywords of a filter: GET/POST /api/v2/filters/:id/keywords and GET/PUT/DELETE
 * /api/v2/filters/keywords/:id.
 */
import type { AppContext } from '../../../context.js';
import { requireViewer } from '../../auth.js';
import { presentFilterKeyword } from '../../presenters/filter.js';
import type { App } from '../../types.js';
import { idFrom, idParams, keywordInputFrom } from './filter-params.js';

export function registerFilterKeywords(app: App, ctx: AppContext): void {
  app.get('/api/v2/filters/:id/keywords', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:filters');
    return (await ctx.services.filters.keywords(viewer, idFrom(request.params, 'Filter'))).map(
      presentFilterKeyword,
    );
  });

  app.post('/api/v2/filters/:id/keywords', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:filters');
    const filterId = idFrom(request.params, 'Filter');
    const input = keywordInputFrom(request.body);
    const keyword = await ctx.services.filters.addKeyword(viewer, filterId, {
      keyword: input.keyword ?? '',
      wholeWord: input.wholeWord,
    });
    return presentFilterKeyword(keyword);
  });

  app.get('/api/v2/filters/keywords/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:filters');
    return presentFilterKeyword(
      await ctx.services.filters.keyword(viewer, idFrom(request.params, 'Filter keyword')),
    );
  });

  app.put('/api/v2/filters/keywords/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:filters');
    const id = idFrom(request.params, 'Filter keyword');
    return presentFilterKeyword(
      await ctx.services.filters.updateKeyword(viewer, id, keywordInputFrom(request.body)),
    );
  });

  app.delete('/api/v2/filters/keywords/:id', { schema: { params: idParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:filters');
    await ctx.services.filters.removeKeyword(viewer, idFrom(request.params, 'Filter keyword'));
    return {};
  });
}
