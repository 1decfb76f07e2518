import { expect, it } from 'vitest';
import { startTestServer } from './helpers/server.js';
import { createPerson } from './helpers/factories.js';
it('probe', async () => {
  const server = await startTestServer('sqlite');
  const me = await createPerson(server);
  const controller = new AbortController();
  const res = await fetch(`${server.url}/api/v1/streaming/user`, { headers: { authorization: `Bearer ${me.token}` }, signal: controller.signal });
  expect(res.status).toBe(200);
  if (process.env.PROBE_ABORT) controller.abort();
  const t0 = Date.now();
  await server.app.close();
  const t1 = Date.now();
  await server.ctx.close();
  console.log('app', t1 - t0, 'ctx', Date.now() - t1);
});
