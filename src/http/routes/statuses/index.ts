/** Routes for posts: writing, reading, threads, likes, reshares and bookmarks. */
import type { AppContext } from '../../../context.js';
import type { App } from '../../types.js';
import { registerCollectionRoutes } from './collections.js';
import { registerInteractionRoutes } from './interactions.js';
import { registerReadRoutes } from './read.js';
import { registerWriteRoutes } from './write.js';

export function registerStatusesRoutes(app: App, ctx: AppContext): void {
  registerWriteRoutes(app, ctx);
  registerReadRoutes(app, ctx);
  registerInteractionRoutes(app, ctx);
  registerCollectionRoutes(app, ctx);
}
