/** MediaAttachment entities in Mastodon's shape, as an explicit allow-list. Roost stores images only. */
import type { MediaAttachment } from '../../services/media/media-service.js';
import type { PresentContext } from './account.js';

function baseUrlOf(ctx: PresentContext): string {
  return 'baseUrl' in ctx ? ctx.baseUrl : ctx.config.baseUrl;
}

export function mediaFileUrl(baseUrl: string, file: string): string {
  return `${baseUrl}/media/attachments/${file}`;
}

function dimensions(width: number, height: number) {
  return { width, height, size: `${width}x${height}`, aspect: height > 0 ? width / height : 1 };
}

export function presentMediaAttachment(media: MediaAttachment, ctx: PresentContext) {
  const baseUrl = baseUrlOf(ctx);
  return {
    id: String(media.id),
    type: 'image' as const,
    url: mediaFileUrl(baseUrl, media.file),
    preview_url: mediaFileUrl(baseUrl, media.preview_file),
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: {
      original: dimensions(media.width, media.height),
      small: dimensions(media.preview_width, media.preview_height),
      ...(media.focus_x !== null && media.focus_y !== null
        ? { focus: { x: media.focus_x, y: media.focus_y } }
        : {}),
    },
    description: media.description === '' ? null : media.description,
    blurhash: media.blurhash,
  };
}

export type PresentedMediaAttachment = ReturnType<typeof presentMediaAttachment>;
