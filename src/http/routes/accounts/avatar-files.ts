/**
 * GET /media/avatars/:file: stored avatars (WebP, immutable: a new upload gets a new name) and a
 * generated default. Only names matching the store's strict pattern reach the file system.
 */
import sharp from 'sharp';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { DEFAULT_AVATAR_FILE } from '../../presenters/account.js';
import type { App } from '../../types.js';

const params = z.object({ file: z.string().max(100) });

const DEFAULT_AVATAR_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">
<rect width="400" height="400" fill="#d9dde3"/>
<circle cx="200" cy="160" r="72" fill="#9aa3ae"/>
<path d="M64 400c8-84 64-136 136-136s128 52 136 136z" fill="#9aa3ae"/>
</svg>`;

let defaultAvatar: Promise<Buffer> | null = null;

function defaultAvatarPng(): Promise<Buffer> {
  defaultAvatar ??= sharp(Buffer.from(DEFAULT_AVATAR_SVG)).png().toBuffer();
  return defaultAvatar;
}

function imageHeaders(reply: FastifyReply, type: string, cache: string): FastifyReply {
  return (
    reply
      .type(type)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', cache)
      // Mastodon web clients on other origins show these images.
      .header('cross-origin-resource-policy', 'cross-origin')
  );
}

export function registerAvatarFiles(app: App, ctx: AppContext): void {
  app.get('/media/avatars/:file', { schema: { params } }, async (request, reply) => {
    const { file } = request.params;
    if (file === DEFAULT_AVATAR_FILE) {
      return imageHeaders(reply, 'image/png', 'public, max-age=86400').send(await defaultAvatarPng());
    }
    const bytes = await ctx.services.accounts.avatars.read(file);
    if (!bytes) throw new NotFoundError('Avatar');
    return imageHeaders(reply, 'image/webp', 'public, max-age=31536000, immutable').send(bytes);
  });
}
