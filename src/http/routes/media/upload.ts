/**
 * POST /api/v2/media and its older alias POST /api/v1/media: uploads an image (multipart `file`,
 * optional `description` and `focus`). Images are processed at once, so both answer 200 with the
 * finished MediaAttachment (Mastodon's v2 may answer 202 for large videos; Roost takes no video).
 */
import type { AppContext } from '../../../context.js';
import { ValidationError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import { presentMediaAttachment } from '../../presenters/media.js';
import type { App } from '../../types.js';
import { readMediaForm } from './media-form.js';

export function registerMediaUpload(app: App, ctx: AppContext): void {
  for (const path of ['/api/v2/media', '/api/v1/media']) {
    app.post(path, async (request) => {
      const viewer = requireViewer(request, 'write:media');
      const form = await readMediaForm(request, ctx.config.uploadLimit);
      if (!form.file)
        throw new ValidationError('file', 'is required (send the image as multipart/form-data)');
      const media = await ctx.services.media.upload(viewer, {
        file: form.file,
        description: form.description,
        focus: form.focus,
      });
      return presentMediaAttachment(media, ctx);
    });
  }
}
