/**
 * Live updates as server-sent events, in Mastodon's streaming shapes:
 * GET /api/v1/streaming/user (home + notifications), /user/notification, /public (the
 * organization), /public/local, /hashtag?tag=, /hashtag/local?tag=, /api/v1/streaming?stream=…,
 * and /api/v1/streaming/health → `OK`.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { ValidationError } from '../../../domain/errors.js';
import { normaliseTagName } from '../../../domain/text/hashtags.js';
import type { Topic } from '../../../events/bus.js';
import { hasScope, type Viewer } from '../../../services/auth/viewer.js';
import type { HydratedStatus } from '../../../services/posts/hydrated-status.js';
import type { App } from '../../types.js';
import { SseStream } from './sse-stream.js';
import { streamViewer } from './stream-auth.js';
import { runViewerStream, type StreamPlan } from './viewer-stream.js';

const STREAMS = ['user', 'user:notification', 'public', 'public:local', 'hashtag', 'hashtag:local'] as const;
type StreamName = (typeof STREAMS)[number];

const query = z.object({
  access_token: z.string().max(500).optional(),
  tag: z.string().max(200).optional(),
  stream: z.enum(STREAMS).optional(),
});

/** Like the organization timeline: no reshares, no replies to other people. */
function organizationPost(status: HydratedStatus): boolean {
  return (
    status.reblog === null &&
    (status.in_reply_to_account_id === null || status.in_reply_to_account_id === status.account_id)
  );
}

async function plan(
  ctx: AppContext,
  viewer: Viewer,
  name: StreamName,
  tag: string | undefined,
): Promise<Omit<StreamPlan, 'stillSignedIn'>> {
  const sessions: Topic = `user:${viewer.accountId}`;
  const notifications = hasScope(viewer.scopes, 'read:notifications');
  switch (name) {
    case 'user': {
      const fanIn = await ctx.services.timelines.followedFanInAccounts(viewer.accountId);
      const topics: Topic[] = [
        `home:${viewer.accountId}`,
        sessions,
        ...fanIn.map((id) => `account:${id}` as const),
      ];
      if (notifications) topics.push(`notifications:${viewer.accountId}`);
      return { topics, notifications, filters: true };
    }
    case 'user:notification':
      return {
        topics: notifications ? [sessions, `notifications:${viewer.accountId}`] : [sessions],
        notifications,
        filters: true,
      };
    case 'public':
    case 'public:local':
      return {
        topics: [sessions, 'organization'],
        acceptStatus: organizationPost,
        notifications: false,
        filters: false,
      };
    case 'hashtag':
    case 'hashtag:local': {
      const name = normaliseTagName((tag ?? '').replace(/^#/, ''));
      if (name === null) throw new ValidationError('tag', 'must be a hashtag');
      return {
        topics: [sessions, `hashtag:${name}`],
        acceptStatus: (s) => s.reblog === null,
        notifications: false,
        filters: false,
      };
    }
  }
}

export function registerStreamingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/streaming/health', async (_request, reply) => reply.type('text/plain').send('OK'));

  // Open streams would keep the server from closing: end them first.
  const live = new Set<SseStream>();
  app.addHook('preClose', async () => {
    for (const stream of live) stream.close();
  });

  const open = (fixed: StreamName | null) =>
    app.get(
      fixed === null ? '/api/v1/streaming' : `/api/v1/streaming/${fixed.replace(':', '/')}`,
      { schema: { querystring: query } },
      async (request, reply) => {
        const { viewer, stillSignedIn } = await streamViewer(ctx, request, request.query.access_token);
        const name = fixed ?? request.query.stream;
        if (!name) throw new ValidationError('stream', 'is required');
        const streamPlan = await plan(ctx, viewer, name, request.query.tag);
        const stream = new SseStream(reply);
        live.add(stream);
        stream.onClose(() => live.delete(stream));
        runViewerStream(ctx, viewer, stream, { ...streamPlan, stillSignedIn });
        stream.open();
      },
    );
  open(null);
  for (const name of STREAMS) open(name);
}
