/**
 * Moderators' decisions on a post: POST /api/roost/v1/moderation/statuses/:id/release
 * `{ reason? }` (the held post reaches its audience as a new post would) and …/remove
 * `{ reason }` (hidden from all but its author, who sees why). Both tell the author and answer
 * the post as moderators see it; 409 when the post is not in a state to decide on.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { ValidationError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import { presentStatus } from '../../presenters/status.js';
import type { App } from '../../types.js';
import { statusIdFrom, statusIdParams } from '../statuses/status-params.js';

const MAX_REASON = 1000;

const releaseBody = z.object({ reason: z.string().max(MAX_REASON).optional() }).nullish();
const removeBody = z.object({ reason: z.string().max(MAX_REASON) });

export function registerDecisionRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/roost/v1/moderation/statuses/:id/release',
    { schema: { params: statusIdParams, body: releaseBody } },
    async (request) => {
      const viewer = requireViewer(request, 'admin:write');
      // Role before the post: a non-moderator learns nothing about whether it exists.
      ctx.services.moderation.assertModerator(viewer);
      const reason = (request.body?.reason ?? '').trim();
      const status = await ctx.services.moderation.release(viewer, statusIdFrom(request.params), reason);
      return presentStatus(status, ctx, { withSource: true });
    },
  );

  app.post(
    '/api/roost/v1/moderation/statuses/:id/remove',
    { schema: { params: statusIdParams, body: removeBody } },
    async (request) => {
      const viewer = requireViewer(request, 'admin:write');
      ctx.services.moderation.assertModerator(viewer);
      const reason = request.body.reason.trim();
      if (reason.length === 0) throw new ValidationError('reason', 'must say why the post is removed');
      const status = await ctx.services.moderation.remove(viewer, statusIdFrom(request.params), reason);
      return presentStatus(status, ctx, { withSource: true });
    },
  );
}
