/**
 * GET, PUT and DELETE /api/v1/media/:id: the owner's attachment before a post uses it
 * (description and focal point can change). Anyone else's, or one already posted, answers 404.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import { presentMediaAttachment } from '../../presenters/media.js';
import type { App } from '../../types.js';
import { readMediaForm } from './media-form.js';

const params = z.object({ id: z.string().max(32) });

function mediaId(params: { id: string }): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError('Media attachment');
  return id;
}

export function registerSingleMedia(app: App, ctx: AppContext): void {
  app.get('/api/v1/media/:id', { schema: { params } }, async (request) => {
    const viewer = requireViewer(request, 'write:media');
    return presentMediaAttachment(await ctx.services.media.get(viewer, mediaId(request.params)), ctx);
  });

  app.put('/api/v1/media/:id', { schema: { params } }, async (request) => {
    const viewer = requireViewer(request, 'write:media');
    const id = mediaId(request.params);
    const form = await readMediaForm(request, ctx.config.uploadLimit);
    const media = await ctx.services.media.update(viewer, id, {
      description: form.description,
      focus: form.focus,
    });
    return presentMediaAttachment(media, ctx);
  });

  app.delete('/api/v1/media/:id', { schema: { params } }, async (request) => {
    const viewer = requireViewer(request, 'write:media');
    await ctx.services.media.remove(viewer, mediaId(request.params));
    return {};
  });
}
