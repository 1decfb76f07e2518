/**
 * The one place that turns bus events into Mastodon streaming events, for server-sent events and
 * WebSockets alike. Every open stream subscribes here with its plan (stream-plan.ts) and a sink
 * that writes in its own framing. Each post or notification is loaded for the viewer through
 * posts.hydrate (and the notifications service) before anything is written, so a stream never
 * shows what its viewer may not see.
 *
 * Events are handled in batches, in order: an event that reaches many streams at once (a post
 * fanned out to thousands of followers' home topics) is loaded once per group of viewers who see
 * it alike (timelines.streamAudience), presented once, and serialised once per stream name.
 */
import type { AppContext } from '../../../context.js';
import type { RoostEvent } from '../../../events/bus.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import type { FilterMatcher } from '../../../services/filters/matcher.js';
import type { HydratedStatus } from '../../../services/posts/hydrated-status.js';
import { presentConversation } from '../../presenters/conversation.js';
import { presentFilterResult } from '../../presenters/filter.js';
import { presentStatus, type PresentedStatus } from '../../presenters/status.js';
import { presentNotifications } from '../notifications/present.js';
import type { StreamPlan } from './stream-plan.js';

/** One event ready to write: its name and payload (JSON text, a bare id for `delete`, none for `filters_changed`). */
export class Delivery {
  /** Framings already built for this delivery, by stream name (a WebSocket frame per name, encoded once). */
  readonly frames = new Map<string, Buffer>();

  constructor(
    readonly event: string,
    readonly payload: string | undefined,
  ) {}
}

/** Where a stream's events go: an SSE response or one subscription on a WebSocket. */
export interface StreamSink {
  deliver(delivery: Delivery, label: string[]): void;
  /** The credential the stream was opened with stopped working. */
  revoke(): void;
  readonly isClosed: boolean;
}

export interface StreamOptions {
  viewer: Viewer;
  plan: StreamPlan;
  sink: StreamSink;
  /** Resolves to false once the credential the stream was opened with no longer works. */
  stillSignedIn: () => Promise<boolean>;
}

interface Subscription extends StreamOptions {
  seen: RecentKeys;
  /** `resolved` is set once the load finishes, so delivering to many streams needs no await per stream. */
  filters: { matcher: Promise<FilterMatcher>; resolved: FilterMatcher | null; loadedAt: number } | null;
  active: boolean;
}

/** How many recent events a stream remembers to drop repeats (one event on several topics). */
const RECENT_EVENTS = 500;
/** A filter can expire: matchers are reloaded this often (and at once when the person changes filters). */
const FILTERS_TTL_MS = 60_000;

export class StreamHub {
  private pending: Array<{ sub: Subscription; event: RoostEvent }> = [];
  private running = false;

  constructor(private readonly ctx: AppContext) {}

  /** Starts a stream; the returned function stops it (idempotent). */
  open(options: StreamOptions): () => void {
    const sub: Subscription = {
      ...options,
      seen: new RecentKeys(RECENT_EVENTS),
      filters: null,
      active: true,
    };
    if (sub.plan.filterContext !== null) this.loadFilters(sub);
    const unsubscribes = sub.plan.topics.map((topic) =>
      this.ctx.events.subscribe(topic, (event) => this.enqueue(sub, event)),
    );
    return () => {
      if (!sub.active) return;
      sub.active = false;
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }

  private enqueue(sub: Subscription, event: RoostEvent): void {
    if (!sub.active) return;
    const key = eventKey(event);
    if (key !== null && !sub.seen.add(key)) return;
    this.pending.push({ sub, event });
    this.schedule();
  }

  private schedule(): void {
    if (this.running) return;
    this.running = true;
    // Wait a turn so every topic of the same publish lands in one batch.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      await this.drainPending();
    } finally {
      // In the same turn as the last check for pending events: nothing can slip in between.
      this.running = false;
      if (this.pending.length > 0) this.schedule();
    }
  }

  private async drainPending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      // The same event reaching many streams is one group, handled once; groups keep arrival order.
      const groups = new Map<string, { event: RoostEvent; subs: Subscription[] }>();
      let unique = 0;
      for (const { sub, event } of batch) {
        const key = eventKey(event) ?? `once:${unique++}`;
        const group = groups.get(key);
        if (group) group.subs.push(sub);
        else groups.set(key, { event, subs: [sub] });
      }
      for (const { event, subs } of groups.values()) {
        try {
          await this.handle(
            event,
            subs.filter((s) => s.active && !s.sink.isClosed),
          );
        } catch (error) {
          this.ctx.log.warn({ err: error, event: event.type }, 'stream event failed');
        }
      }
    }
  }

  private async handle(event: RoostEvent, subs: Subscription[]): Promise<void> {
    if (subs.length === 0) return;
    switch (event.type) {
      case 'status.created':
      case 'status.updated': {
        const name = event.type === 'status.created' ? 'update' : 'status.update';
        const conversations = subs.filter((s) => s.plan.conversations);
        const timelines = subs.filter((s) => !s.plan.conversations);
        await this.deliverStatus(event.statusId, name, timelines);
        if (name === 'update') {
          for (const sub of conversations) await this.deliverConversation(event.statusId, sub);
        }
        return;
      }
      case 'status.deleted': {
        const delivery = new Delivery('delete', String(event.statusId));
        for (const sub of subs) sub.sink.deliver(delivery, sub.plan.label);
        return;
      }
      case 'notification.created':
        for (const sub of subs) {
          if (!sub.plan.notifications || event.accountId !== sub.viewer.accountId) continue;
          const row = await this.ctx.services.notifications.find(sub.viewer, event.notificationId);
          if (!row) continue;
          const [notification] = await presentNotifications(this.ctx, sub.viewer, [row]);
          if (notification)
            sub.sink.deliver(new Delivery('notification', JSON.stringify(notification)), sub.plan.label);
        }
        return;
      case 'session.revoked':
        for (const sub of subs) {
          if (!(await sub.stillSignedIn())) sub.sink.revoke();
        }
        return;
      case 'filters.changed':
        for (const sub of subs) {
          if (event.accountId !== sub.viewer.accountId) continue;
          if (sub.plan.filterContext !== null) this.loadFilters(sub);
          // Mastodon's event carries no payload: clients reload their filters.
          if (sub.plan.filtersChanged)
            sub.sink.deliver(new Delivery('filters_changed', undefined), sub.plan.label);
        }
        return;
    }
  }

  /** A new or edited post to every timeline stream that heard of it: loaded once per group of viewers who see it alike. */
  private async deliverStatus(statusId: number, name: string, subs: Subscription[]): Promise<void> {
    if (subs.length === 0) return;
    const viewers = new Map<number, Viewer>();
    for (const sub of subs) viewers.set(sub.viewer.accountId, sub.viewer);
    const split = await this.ctx.services.timelines.streamAudience(statusId, [...viewers.values()], {
      mutes: true,
    });
    if (split === null) return;
    const byAccount = new Map<number, Subscription[]>();
    for (const sub of subs) {
      const list = byAccount.get(sub.viewer.accountId);
      if (list) list.push(sub);
      else byAccount.set(sub.viewer.accountId, [sub]);
    }
    for (const group of split.groups) {
      const [status] = await this.ctx.services.posts.hydrate(viewers.get(group[0]!)!, [statusId]);
      if (!status) continue;
      const presented = presentStatus(status, this.ctx);
      let shared: Delivery | null = null;
      for (const accountId of group) {
        for (const sub of byAccount.get(accountId) ?? []) {
          // Thousands of streams may share this loop: no await unless a stream really has to wait.
          if (sub.plan.acceptStatus) {
            const accepted = sub.plan.acceptStatus(status);
            if (!(accepted instanceof Promise ? await accepted : accepted)) continue;
          }
          const matcher = await this.matcherOf(sub);
          const own = matcher === null ? null : this.filtered(matcher, status, presented);
          if (own === 'hidden') continue;
          if (own !== null) {
            sub.sink.deliver(new Delivery(name, JSON.stringify(own)), sub.plan.label);
            continue;
          }
          shared ??= new Delivery(name, JSON.stringify(presented));
          sub.sink.deliver(shared, sub.plan.label);
        }
      }
    }
  }

  /** The stream's filters, reloaded when old; a value (not a promise) once loaded, null for streams without filters. */
  private matcherOf(sub: Subscription): FilterMatcher | null | Promise<FilterMatcher> {
    if (sub.filters === null) return null;
    if (Date.now() - sub.filters.loadedAt > FILTERS_TTL_MS) this.loadFilters(sub, true);
    return sub.filters.resolved ?? sub.filters.matcher;
  }

  /** The post with this viewer's `filtered` results; 'hidden' for a filter that hides; null when no filter matched. */
  private filtered(
    matcher: FilterMatcher,
    status: HydratedStatus,
    presented: PresentedStatus,
  ): PresentedStatus | 'hidden' | null {
    if (matcher.isEmpty) return null;
    const matches = matcher.match(status);
    if (matches.length === 0) return null;
    if (matches.some((m) => m.filter.filterAction === 'hide')) return 'hidden';
    return { ...presented, filtered: matches.map(presentFilterResult) };
  }

  /** A direct message, as Mastodon's `conversation` event on the `direct` stream. */
  private async deliverConversation(statusId: number, sub: Subscription): Promise<void> {
    const [status] = await this.ctx.services.posts.hydrate(sub.viewer, [statusId]);
    if (!status || (sub.plan.acceptStatus && !(await sub.plan.acceptStatus(status)))) return;
    const conversation = await this.ctx.services.conversations
      .get(sub.viewer, status.thread_id)
      .catch(() => null);
    if (!conversation) return;
    const accounts = await this.ctx.services.accounts.hydrate(conversation.participantIds);
    const presented = presentConversation(conversation, status, accounts, this.ctx);
    if (presented) sub.sink.deliver(new Delivery('conversation', JSON.stringify(presented)), sub.plan.label);
  }

  private loadFilters(sub: Subscription, keepUsingLoaded = false): void {
    const context = sub.plan.filterContext;
    if (context === null) return;
    const previous = keepUsingLoaded ? (sub.filters?.resolved ?? null) : null;
    const filters: NonNullable<Subscription['filters']> = {
      matcher: this.ctx.services.filters.matchFor(sub.viewer.accountId, context).catch((error: unknown) => {
        // A failed load shows posts unfiltered rather than stopping the stream.
        this.ctx.log.warn({ err: error }, 'stream filters failed to load');
        return { isEmpty: true, match: () => [] };
      }),
      // A periodic reload keeps using the loaded filters meanwhile; a change of filters waits for the new ones.
      resolved: previous,
      loadedAt: Date.now(),
    };
    void filters.matcher.then((matcher) => {
      filters.resolved = matcher;
    });
    sub.filters = filters;
  }
}

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
