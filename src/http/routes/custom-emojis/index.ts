/** GET /api/v1/custom_emojis: Roost has no custom emoji, so the list is always empty. */
import type { App } from '../../types.js';

export function registerCustomEmojisRoutes(app: App): void {
  app.get('/api/v1/custom_emojis', async () => []);
}
