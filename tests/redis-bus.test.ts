import { afterAll, describe, expect, it } from 'vitest';
import { RedisEventBus } from '../src/events/redis-bus.js';
import type { RoostEvent } from '../src/events/bus.js';

// Two buses stand for two app processes sharing one Redis.
describe('Redis event bus', () => {
  const url = process.env.ROOST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const a = new RedisEventBus(url);
  const b = new RedisEventBus(url);
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('delivers an event published in one process to a subscriber in another', async () => {
    await Promise.all([a.ready(), b.ready()]);
    const topic = `home:${Date.now()}` as const;
    const received = new Promise<RoostEvent>((resolve) => {
      const off = b.subscribe(topic, (event) => {
        off();
        resolve(event);
      });
    });
    // The subscription must reach Redis before the publish: ping on the subscriber connection orders them.
    await b.ready();
    a.publish(topic, { type: 'status.created', statusId: 7, accountId: 3 });
    expect(await received).toEqual({ type: 'status.created', statusId: 7, accountId: 3 });
  });

  it('stops delivering after unsubscribe', async () => {
    const topic = `notifications:${Date.now()}` as const;
    const seen: RoostEvent[] = [];
    const off = b.subscribe(topic, (event) => seen.push(event));
    await b.ready();
    off();
    const control = `user:${Date.now()}` as const;
    const got = new Promise<void>((resolve) => b.subscribe(control, () => resolve()));
    await b.ready();
    a.publish(topic, { type: 'notification.created', notificationId: 1, accountId: 1 });
    a.publish(control, { type: 'session.revoked', userId: 1 });
    await got;
    expect(seen).toEqual([]);
  });
});
