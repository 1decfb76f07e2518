import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { EventStream } from './helpers/event-stream.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

// The scaled shape: several app processes on one database, events between them through Redis.
// Process A only serves the API; process B also serves streams.
describe.each(DIALECTS)('two app processes sharing a database and Redis (%s)', (dialect) => {
  const redis = { ROOST_REDIS_URL: process.env.ROOST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
  let a: TestServer;
  let b: TestServer;
  let alice: TestPerson;
  let bob: TestPerson;

  beforeAll(async () => {
    a = await startTestServer(dialect, { ...redis, ROOST_ROLES: 'web,worker' });
    b = await startTestServer(dialect, { ...redis, ROOST_ROLES: 'web,stream' }, a.database);
    alice = await createPerson(a);
    bob = await createPerson(a);
    expect((await b.client(bob.token).post(`/api/v1/accounts/${alice.accountId}/follow`)).status).toBe(200);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('streams a post written through one process to a reader connected to the other', async () => {
    const stream = await EventStream.open(`${b.url}/api/v1/streaming/user`, { authorization: `Bearer ${bob.token}` });
    try {
      expect(stream.response.status).toBe(200);
      // The subscription must reach Redis before the post is written.
      await untilSubscribed(redis.ROOST_REDIS_URL, `roost:events:home:${bob.accountId}`);
      const posted = await a.client(alice.token).post('/api/v1/statuses', { status: 'Hello from process A' });
      expect(posted.status).toBe(200);
      const update = await stream.next((e) => e.event === 'update');
      expect(JSON.parse(update.data)).toMatchObject({ id: posted.body.id, content: '<p>Hello from process A</p>' });
    } finally {
      stream.close();
    }
  });

  it('serves only what each process’s roles say', async () => {
    const noStreams = await fetch(`${a.url}/api/v1/streaming/health`);
    expect(noStreams.status).toBe(404);
    expect(await (await fetch(`${b.url}/api/v1/streaming/health`)).text()).toBe('OK');
    const worker = await startTestServer(dialect, { ...redis, ROOST_ROLES: 'worker' }, a.database);
    try {
      expect((await worker.client(alice.token).get('/api/v1/timelines/home')).status).toBe(404);
      expect((await worker.anonymous.get('/api/roost/v1/health')).status).toBe(200);
    } finally {
      await worker.close();
    }
  });

  it('sees every write at once from either process', async () => {
    const posted = await b.client(bob.token).post('/api/v1/statuses', { status: 'Written through B' });
    const read = await a.client(alice.token).get(`/api/v1/statuses/${posted.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.account.id).toBe(String(bob.accountId));
  });
});

async function untilSubscribed(url: string, channel: string): Promise<void> {
  const client = new Redis(url);
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const [, count] = (await client.pubsub('NUMSUB', channel)) as [string, number];
      if (Number(count) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`nobody subscribed to ${channel}`);
  } finally {
    client.disconnect();
  }
}
