/** GET /api/v2/search?q=&type=accounts|hashtags|statuses&limit=&offset= → `{ accounts, statuses, hashtags }`. */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { ValidationError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import { presentAccount } from '../../presenters/account.js';
import { presentSearchResults } from '../../presenters/search.js';
import { presentStatus } from '../../presenters/status.js';
import { presentTag } from '../../presenters/tag.js';
import type { App } from '../../types.js';
import { flag } from '../timelines/query-params.js';

const query = z.object({
  q: z.string().max(500).optional(),
  type: z.enum(['accounts', 'hashtags', 'statuses']).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .default(20)
    .transform((n) => Math.min(n, 40)),
  offset: z.coerce.number().int().min(0).max(10_000).optional().default(0),
  // Mastodon's: Roost has no remote servers to resolve from and reviews no hashtags.
  resolve: flag,
  exclude_unreviewed: flag,
});

export function registerSearchRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v2/search', { schema: { querystring: query } }, async (request) => {
    const viewer = requireViewer(request, 'read:search');
    const q = request.query.q?.trim() ?? '';
    if (!q) throw new ValidationError('q', 'is required');
    const found = await ctx.services.search.search(viewer, {
      q,
      type: request.query.type ?? null,
      limit: request.query.limit,
      offset: request.query.offset,
    });
    const [accounts, statuses, tags] = await Promise.all([
      ctx.services.accounts.hydrate(found.accountIds),
      ctx.services.posts.hydrate(viewer, found.statusIds),
      Promise.all(found.hashtags.map((name) => ctx.services.tags.get(viewer.accountId, name))),
    ]);
    return presentSearchResults({
      accounts: found.accountIds.flatMap((id) => {
        const account = accounts.get(id);
        return account ? [presentAccount(account, ctx)] : [];
      }),
      statuses: statuses.map((status) => presentStatus(status, ctx)),
      hashtags: tags.map((tag) => presentTag(tag, ctx)),
    });
  });
}
