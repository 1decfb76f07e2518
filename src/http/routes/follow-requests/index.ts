/**
 * Relationship endpoints Mastodon apps call that have nothing to show in Roost, answered in
 * Mastodon's shapes so the apps work:
 * - GET /api/v1/follow_requests → [] (Roost accounts are never locked: following needs no approval);
 *   POST /api/v1/follow_requests/:id/authorize|reject → 404 (there is never a request to act on);
 * - GET /api/v1/endorsements, GET /api/v1/featured_tags and GET /api/v1/accounts/:id/featured_tags → []
 *   (no featured people or tags; an unknown account is still 404).
 * Blocks and mutes are real: routes/blocks.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';
import { accountIdFrom, accountIdParams } from '../accounts/account-id.js';

const params = z.object({ id: z.string().max(32) });

const EMPTY_LISTS: Array<[path: string, scope: string]> = [
  ['/api/v1/follow_requests', 'read:follows'],
  ['/api/v1/endorsements', 'read:accounts'],
  ['/api/v1/featured_tags', 'read:accounts'],
];

export function registerFollowRequestsRoutes(app: App, ctx: AppContext): void {
  for (const [path, scope] of EMPTY_LISTS) {
    app.get(path, async (request) => {
      requireViewer(request, scope);
      return [];
    });
  }

  for (const action of ['authorize', 'reject']) {
    app.post(`/api/v1/follow_requests/:id/${action}`, { schema: { params } }, async (request) => {
      requireViewer(request, 'write:follows');
      throw new NotFoundError('Follow request');
    });
  }

  app.get('/api/v1/accounts/:id/featured_tags', { schema: { params: accountIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:accounts');
    await ctx.services.accounts.get(viewer, accountIdFrom(request.params));
    return [];
  });
}
