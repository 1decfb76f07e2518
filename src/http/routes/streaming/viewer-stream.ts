/**
 * What a stream sends one viewer: it listens to bus topics and turns each event into a Mastodon
 * streaming event, loading the post or notification for THIS viewer first, so nothing they may
 * not see is ever written. Events are handled one at a time, in order.
 */
import type { AppContext } from '../../../context.js';
import type { RoostEvent, Topic } from '../../../events/bus.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import type { HydratedStatus } from '../../../services/posts/hydrated-status.js';
import { presentStatus } from '../../presenters/status.js';
import { presentNotifications } from '../notifications/present.js';
import type { SseStream } from './sse-stream.js';

export interface StreamPlan {
  topics: Topic[];
  /** Which new or edited posts this stream shows (all, when absent). */
  acceptStatus?: (status: HydratedStatus) => boolean;
  /** Whether notifications are sent (the viewer's credential must allow reading them). */
  notifications: boolean;
  /** Whether `filters_changed` is sent (user streams only, as in Mastodon). */
  filters: boolean;
  /** Resolves to false once the credential the stream was opened with no longer works. */
  stillSignedIn: () => Promise<boolean>;
}

export function runViewerStream(ctx: AppContext, viewer: Viewer, stream: SseStream, plan: StreamPlan): void {
  const seen = new RecentKeys(RECENT_EVENTS);
  let queue: Promise<void> = Promise.resolve();
  const handle = (event: RoostEvent) => {
    // One event is published to several topics (a feed and a fan-in account, say): send it once.
    const key = eventKey(event);
    if (key !== null && !seen.add(key)) return;
    queue = queue
      .then(() => (stream.isClosed ? undefined : deliver(ctx, viewer, stream, plan, event)))
      .catch((error: unknown) => ctx.log.warn({ err: error }, 'stream event failed'));
  };
  for (const topic of plan.topics) stream.onClose(ctx.events.subscribe(topic, handle));
}

/** How many recent events a stream remembers to drop repeats. */
const RECENT_EVENTS = 500;

function eventKey(event: RoostEvent): string | null {
  switch (event.type) {
    case 'status.created':
    case 'status.deleted':
      return `${event.type}:${event.statusId}`;
    case 'status.updated':
      return `${event.type}:${event.statusId}:${event.editedAt ?? ''}`;
    case 'notification.created':
      return `${event.type}:${event.notificationId}`;
    case 'session.revoked':
    case 'filters.changed':
      return null;
  }
}

/** A bounded set of keys, oldest forgotten first; `add` answers false for a key already present. */
class RecentKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
    return true;
  }
}

async function deliver(
  ctx: AppContext,
  viewer: Viewer,
  stream: SseStream,
  plan: StreamPlan,
  event: RoostEvent,
): Promise<void> {
  switch (event.type) {
    case 'status.created':
    case 'status.updated': {
      const [status] = await ctx.services.posts.hydrate(viewer, [event.statusId]);
      if (!status || (plan.acceptStatus && !plan.acceptStatus(status))) return;
      stream.send(event.type === 'status.created' ? 'update' : 'status.update', presentStatus(status, ctx));
      return;
    }
    case 'status.deleted':
      stream.send('delete', String(event.statusId));
      return;
    case 'notification.created': {
      if (!plan.notifications || event.accountId !== viewer.accountId) return;
      const row = await ctx.services.notifications.find(viewer, event.notificationId);
      if (!row) return;
      const [notification] = await presentNotifications(ctx, viewer, [row]);
      if (notification) stream.send('notification', notification);
      return;
    }
    case 'session.revoked':
      if (!(await plan.stillSignedIn())) stream.close();
      return;
    case 'filters.changed':
      // Mastodon's event carries no payload: clients reload their filters.
      if (plan.filters && event.accountId === viewer.accountId) stream.send('filters_changed', '');
      return;
  }
}
