/** GET /api/v1/preferences: the viewer's posting and reading defaults, keyed as Mastodon keys them. */
import type { AppContext } from '../../../context.js';
import { toMastodonVisibility } from '../../../domain/visibility.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';

export function registerPreferencesRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/preferences', async (request) => {
    const viewer = requireViewer(request, 'read:accounts');
    const preferences = await ctx.services.preferences.of(viewer.accountId);
    return {
      'posting:default:visibility': toMastodonVisibility(preferences.defaultVisibility),
      'posting:default:sensitive': preferences.defaultSensitive,
      'posting:default:language': preferences.defaultLanguage,
      'reading:expand:media': preferences.expandMedia,
      'reading:expand:spoilers': preferences.expandSpoilers,
      'reading:autoplay:gifs': preferences.autoplayGifs,
    };
  });
}
