/**
 * What each Mastodon stream carries for a viewer: the bus topics it listens to, which posts it
 * shows, whether notifications and `filters_changed` go out, and the name a WebSocket message
 * carries in its `stream` field. Scopes are checked per stream (read:statuses for timelines,
 * read:notifications for notifications) and a list must be the viewer's own (404 otherwise).
 */
import type { AppContext } from '../../../context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import { normaliseTagName } from '../../../domain/text/hashtags.js';
import type { Topic } from '../../../events/bus.js';
import { hasScope, type Viewer } from '../../../services/auth/viewer.js';
import type { FilterContext } from '../../../services/filters/matcher.js';
import type { HydratedStatus } from '../../../services/posts/hydrated-status.js';

export const STREAM_NAMES = [
  'user',
  'user:notification',
  'public',
  'public:local',
  'hashtag',
  'hashtag:local',
  'list',
  'direct',
] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export function isStreamName(value: string): value is StreamName {
  return (STREAM_NAMES as readonly string[]).includes(value);
}

export interface StreamRequest {
  stream: StreamName;
  tag?: string | undefined;
  list?: string | undefined;
}

export interface StreamPlan {
  /** The `stream` field of WebSocket messages: `["user"]`, `["hashtag", "roost"]`, `["list", "123"]`. */
  label: string[];
  topics: Topic[];
  /** Which new or edited posts this stream shows (all, when absent). */
  acceptStatus?: (status: HydratedStatus) => boolean | Promise<boolean>;
  /** Whether notifications are sent (the credential must allow reading them). */
  notifications: boolean;
  /** Whether `filters_changed` is sent (user streams only, as in Mastodon). */
  filtersChanged: boolean;
  /** The filter context posts are matched in (`filtered`, and `hide` filters drop them). */
  filterContext: FilterContext | null;
  /** Whether the viewer's mutes hide posts here (timelines yes; direct messages no). */
  mutes: boolean;
  /** Direct messages go out as Mastodon's `conversation` events instead of `update`. */
  conversations: boolean;
}

/** The `stream` field of a stream's messages; null for a hashtag that is none. */
export function streamLabel(request: StreamRequest): string[] | null {
  switch (request.stream) {
    case 'hashtag':
    case 'hashtag:local': {
      const name = normaliseTagName((request.tag ?? '').replace(/^#/, ''));
      return name === null ? null : [request.stream, name];
    }
    case 'list':
      return ['list', String(parseId(request.list ?? '') ?? '')];
    default:
      return [request.stream];
  }
}

/** Like the organization timeline: no reshares, no replies to other people. */
function organizationPost(status: HydratedStatus): boolean {
  return (
    status.reblog === null &&
    (status.in_reply_to_account_id === null || status.in_reply_to_account_id === status.account_id)
  );
}

function requireScope(viewer: Viewer, scope: string): void {
  if (!hasScope(viewer.scopes, scope)) {
    throw new ForbiddenError(`This stream is outside the authorized scopes (needs ${scope})`);
  }
}

/** How often a list stream re-reads who is in the list. */
const LIST_MEMBERS_TTL_MS = 10_000;

export async function planStream(
  ctx: AppContext,
  viewer: Viewer,
  request: StreamRequest,
): Promise<StreamPlan> {
  const sessions: Topic = `user:${viewer.accountId}`;
  const notifications = hasScope(viewer.scopes, 'read:notifications');
  const base = { notifications: false, filtersChanged: false, mutes: true, conversations: false };
  switch (request.stream) {
    case 'user': {
      requireScope(viewer, 'read:statuses');
      const fanIn = await ctx.services.timelines.followedFanInAccounts(viewer.accountId);
      const topics: Topic[] = [
        `home:${viewer.accountId}`,
        sessions,
        ...fanIn.map((id) => `account:${id}` as const),
      ];
      if (notifications) topics.push(`notifications:${viewer.accountId}`);
      return { ...base, label: ['user'], topics, notifications, filtersChanged: true, filterContext: 'home' };
    }
    case 'user:notification':
      requireScope(viewer, 'read:notifications');
      return {
        ...base,
        label: ['user:notification'],
        topics: [sessions, `notifications:${viewer.accountId}`],
        notifications: true,
        filtersChanged: true,
        filterContext: 'notifications',
      };
    case 'public':
    case 'public:local':
      requireScope(viewer, 'read:statuses');
      return {
        ...base,
        label: [request.stream],
        topics: [sessions, 'organization'],
        acceptStatus: organizationPost,
        filterContext: 'public',
      };
    case 'hashtag':
    case 'hashtag:local': {
      requireScope(viewer, 'read:statuses');
      const label = streamLabel(request);
      if (label === null) throw new ValidationError('tag', 'must be a hashtag');
      return {
        ...base,
        label,
        topics: [sessions, `hashtag:${label[1]!}`],
        acceptStatus: (s) => s.reblog === null,
        filterContext: 'public',
      };
    }
    case 'list': {
      requireScope(viewer, 'read:statuses');
      const listId = parseId(request.list ?? '');
      if (listId === null) throw new NotFoundError('List');
      // Someone else's list answers 404, like a list that does not exist.
      await ctx.services.lists.get(viewer, listId);
      const fanIn = await ctx.services.timelines.followedFanInAccounts(viewer.accountId);
      let members = new Set<number>();
      let loadedAt = 0;
      const memberIds = async () => {
        if (Date.now() - loadedAt > LIST_MEMBERS_TTL_MS) {
          const page = await ctx.services.lists.members(viewer, listId, {
            maxId: null,
            sinceId: null,
            minId: null,
            // 0: every member.
            limit: 0,
          });
          members = new Set(page.accountIds);
          loadedAt = Date.now();
        }
        return members;
      };
      await memberIds();
      return {
        ...base,
        label: ['list', String(listId)],
        topics: [`home:${viewer.accountId}`, sessions, ...fanIn.map((id) => `account:${id}` as const)],
        acceptStatus: async (s) => (await memberIds()).has(s.account_id),
        filterContext: 'home',
      };
    }
    case 'direct':
      requireScope(viewer, 'read:statuses');
      return {
        ...base,
        label: ['direct'],
        topics: [`home:${viewer.accountId}`, sessions],
        acceptStatus: (s) => s.visibility === 'mentioned',
        filterContext: null,
        mutes: false,
        conversations: true,
      };
  }
}
