/** GET/POST /api/v1/lists and GET/PUT/DELETE /api/v1/lists/:id: the viewer's own lists only. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { REPLIES_POLICIES } from '../../../services/lists/list-service.js';
import { requireViewer } from '../../auth.js';
import { presentList } from '../../presenters/list.js';
import type { App } from '../../types.js';
import { formBoolean } from '../statuses/status-params.js';
import { listIdFrom, listIdParams } from './list-params.js';

const fields = {
  replies_policy: z.enum(REPLIES_POLICIES as ['followed', 'list', 'none']).optional(),
  exclusive: formBoolean.optional(),
};
const createBody = z.object({ title: z.string().max(1000), ...fields });
const updateBody = z.object({ title: z.string().max(1000).optional(), ...fields });

export function registerListCrud(app: App, ctx: AppContext): void {
  app.get('/api/v1/lists', async (request) => {
    const viewer = requireViewer(request, 'read:lists');
    return (await ctx.services.lists.all(viewer)).map(presentList);
  });

  app.get('/api/v1/lists/:id', { schema: { params: listIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:lists');
    return presentList(await ctx.services.lists.get(viewer, listIdFrom(request.params)));
  });

  app.post('/api/v1/lists', { schema: { body: createBody } }, async (request) => {
    const viewer = requireViewer(request, 'write:lists');
    const { title, replies_policy, exclusive } = request.body;
    return presentList(
      await ctx.services.lists.create(viewer, { title, repliesPolicy: replies_policy, exclusive }),
    );
  });

  app.put('/api/v1/lists/:id', { schema: { params: listIdParams, body: updateBody } }, async (request) => {
    const viewer = requireViewer(request, 'write:lists');
    const { title, replies_policy, exclusive } = request.body;
    const list = await ctx.services.lists.update(viewer, listIdFrom(request.params), {
      title,
      repliesPolicy: replies_policy,
      exclusive,
    });
    return presentList(list);
  });

  app.delete('/api/v1/lists/:id', { schema: { params: listIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:lists');
    await ctx.services.lists.remove(viewer, listIdFrom(request.params));
    return {};
  });
}
