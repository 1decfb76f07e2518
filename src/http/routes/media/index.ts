/** Media attachments: upload (v1 and v2), read, describe, delete, and the stored files. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerMediaFiles } from './files.js';
import { registerSingleMedia } from './single.js';
import { registerMediaUpload } from './upload.js';

export function registerMediaRoutes(app: App, ctx: AppContext): void {
  registerMediaUpload(app, ctx);
  registerSingleMedia(app, ctx);
  registerMediaFiles(app, ctx);
}
