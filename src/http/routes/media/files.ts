/**
 * GET /media/attachments/:file: stored media, served as inert images. A strict name pattern is
 * checked before the file system is touched (no traversal); the Content-Type comes from our own
 * extension, never from the upload; `nosniff` and a `default-src 'none'` policy keep a browser from
 * running anything; names are random and never reused, so responses are cached for good.
 * Like avatars, the files need no sign-in: image tags in clients cannot send a bearer token, and
 * the random 24-character names are not guessable.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { MediaStore } from '../../../services/media/media-store.js';
import type { App } from '../../types.js';

const params = z.object({ file: z.string().max(100) });

export function registerMediaFiles(app: App, ctx: AppContext): void {
  app.get('/media/attachments/:file', { schema: { params } }, async (request, reply) => {
    const { file } = request.params;
    const type = MediaStore.contentTypeOf(file);
    const bytes = type === null ? null : await ctx.services.media.store.read(file);
    if (type === null || bytes === null) throw new NotFoundError('Media file');
    return reply
      .type(type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('content-disposition', 'inline')
      .send(bytes);
  });
}
