import { expect, it } from 'vitest';
import { LocalEventBus } from '../src/events/bus.js';
import { startTestServer } from './helpers/server.js';
import { createPerson } from './helpers/factories.js';
it('probe', async () => {
  const server = await startTestServer('sqlite');
  const me = await createPerson(server);
  const controller = new AbortController();
  const res = await fetch(`${server.url}/api/v1/streaming/user`, { headers: { authorization: `Bearer ${me.token}` }, signal: controller.signal });
  expect(res.status).toBe(200);
  const bus = server.ctx.events as LocalEventBus;
  controller.abort();
  const tA = Date.now();
  while (bus.listenerCount(`home:${me.accountId}`) > 0) await new Promise((r) => setTimeout(r, 10));
  console.log('drop took', Date.now() - tA, 'conns', await new Promise((r) => server.app.server.getConnections((e, n) => r(n))));
  const t0 = Date.now();
  await server.app.close();
  console.log('app', Date.now() - t0);
});
