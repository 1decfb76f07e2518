/**
 * The event bus across processes: events go through Redis pub/sub so a stream served by one
 * process hears about a post written by another. Local handlers are kept per topic and Redis is
 * subscribed to a topic only while some handler listens to it.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { EventBus, RoostEvent, Topic } from './bus.js';

const PREFIX = 'roost:events:';

export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly emitter = new EventEmitter();
  private readonly counts = new Map<string, number>();

  constructor(url: string) {
    this.publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: false });
    this.emitter.setMaxListeners(0);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (!channel.startsWith(PREFIX)) return;
      try {
        this.emitter.emit(channel.slice(PREFIX.length), JSON.parse(message) as RoostEvent);
      } catch {
        // A malformed message from another process must not take this one down.
      }
    });
  }

  publish(topic: Topic, event: RoostEvent): void {
    void this.publisher.publish(PREFIX + topic, JSON.stringify(event)).catch(() => undefined);
  }

  subscribe(topic: Topic, handler: (event: RoostEvent) => void): () => void {
    this.emitter.on(topic, handler);
    const count = (this.counts.get(topic) ?? 0) + 1;
    this.counts.set(topic, count);
    if (count === 1) void this.subscriber.subscribe(PREFIX + topic).catch(() => undefined);
    return () => {
      this.emitter.off(topic, handler);
      const left = (this.counts.get(topic) ?? 1) - 1;
      if (left === 0) {
        this.counts.delete(topic);
        void this.subscriber.unsubscribe(PREFIX + topic).catch(() => undefined);
      } else {
        this.counts.set(topic, left);
      }
    };
  }

  /** Resolves once both connections are ready, so a first publish is not lost in tests and at start. */
  async ready(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
    await Promise.all([this.publisher.quit(), this.subscriber.quit()]);
  }
}
