/**
 * GET /api/v1/conversations (direct-message threads, newest first, Link pagination),
 * DELETE /api/v1/conversations/:id (hide until a new message), POST /api/v1/conversations/:id/read.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import type { ConversationView } from '../../../services/conversations/conversation-service.js';
import { requireViewer } from '../../auth.js';
import { pageQuery, setLinkHeader, toPageRequest } from '../../pagination.js';
import { presentConversation } from '../../presenters/conversation.js';
import type { App } from '../../types.js';

const params = z.object({ id: z.string().max(32) });

function threadId(params: { id: string }): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError('Conversation');
  return id;
}

async function present(ctx: AppContext, viewer: Viewer, conversations: ConversationView[]) {
  const [statuses, accounts] = await Promise.all([
    ctx.services.posts.hydrate(
      viewer,
      conversations.map((c) => c.lastStatusId),
    ),
    ctx.services.accounts.hydrate(conversations.flatMap((c) => c.participantIds)),
  ]);
  const byId = new Map(statuses.map((s) => [s.id, s]));
  return conversations.flatMap((c) => presentConversation(c, byId.get(c.lastStatusId), accounts, ctx) ?? []);
}

export function registerConversationsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/conversations', { schema: { querystring: pageQuery(20, 40) } }, async (request, reply) => {
    const viewer = requireViewer(request, 'read:statuses');
    const conversations = await ctx.services.conversations.list(viewer, toPageRequest(request.query));
    setLinkHeader(
      request,
      reply,
      conversations.map((c) => c.lastStatusId),
      ctx.config.baseUrl,
    );
    return present(ctx, viewer, conversations);
  });

  app.delete('/api/v1/conversations/:id', { schema: { params } }, async (request) => {
    const viewer = requireViewer(request, 'write:conversations');
    await ctx.services.conversations.hide(viewer, threadId(request.params));
    return {};
  });

  app.post('/api/v1/conversations/:id/read', { schema: { params } }, async (request) => {
    const viewer = requireViewer(request, 'write:conversations');
    const conversation = await ctx.services.conversations.markRead(viewer, threadId(request.params));
    const [presented] = await present(ctx, viewer, [conversation]);
    if (!presented) throw new NotFoundError('Conversation');
    return presented;
  });
}
