/**
 * The event bus carries "something changed" notices between the services that make changes and
 * the streams that tell open clients. Events carry ids, not objects: a subscriber loads what it
 * shows, through the same visibility rules as every other read path.
 */
import { EventEmitter } from 'node:events';

export type RoostEvent =
  | { type: 'status.created'; statusId: number; accountId: number }
  /** `editedAt` tells one edit from the next, so a stream hearing an edit on two topics sends it once. */
  | { type: 'status.updated'; statusId: number; accountId: number; editedAt?: number }
  | { type: 'status.deleted'; statusId: number; accountId: number }
  | { type: 'notification.created'; notificationId: number; accountId: number }
  | { type: 'session.revoked'; userId: number }
  /** Published on `user:<accountId>`: streams send Mastodon's `filters_changed` so clients reload filters. */
  | { type: 'filters.changed'; accountId: number };

/**
 * Where an event is delivered: a person's home feed, their notifications, the organization, a hashtag,
 * a person's sessions (`user:<accountId>`), and the posts of a fan-in account (`account:<accountId>`,
 * whose posts are not copied into followers' feeds, so followers' streams listen here instead).
 */
export type Topic =
  | `home:${number}`
  | `notifications:${number}`
  | 'organization'
  | `hashtag:${string}`
  | `user:${number}`
  | `account:${number}`;

export interface EventBus {
  publish(topic: Topic, event: RoostEvent): void;
  subscribe(topic: Topic, handler: (event: RoostEvent) => void): () => void;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: Topic, event: RoostEvent): void {
    this.emitter.emit(topic, event);
  }

  subscribe(topic: Topic, handler: (event: RoostEvent) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  /** How many handlers listen to a topic: lets tests and diagnostics see that closed streams let go. */
  listenerCount(topic: Topic): number {
    return this.emitter.listenerCount(topic);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
