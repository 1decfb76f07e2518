import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

async function post(
  person: TestPerson,
  status: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await person.client.post('/api/v1/statuses', { status, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

describe.each(DIALECTS)('conversations (%s)', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  it('lists direct-message threads the viewer is in, with participants, last message and unread marks', async () => {
    const [ann, ben, cat] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    const first = await post(ann, `@${ben.username} @${cat.username} lunch?`, { visibility: 'direct' });
    const reply = await post(ben, `@${ann.username} @${cat.username} yes!`, {
      visibility: 'direct',
      in_reply_to_id: first,
    });
    const other = await post(cat, `@${ben.username} just us`, { visibility: 'direct' });
    await post(ann, 'a public post');
    await post(ann, `@${ben.username} followers post`, { visibility: 'private' });

    const forAnn = await ann.client.get('/api/v1/conversations');
    expect(forAnn.status).toBe(200);
    expect(forAnn.body).toHaveLength(1);
    expect(forAnn.body[0]).toMatchObject({
      id: first,
      unread: true,
      last_status: { id: reply, visibility: 'direct' },
    });
    expect(forAnn.body[0].accounts.map((a: { id: string }) => a.id).sort()).toEqual(
      [String(ben.accountId), String(cat.accountId)].sort(),
    );

    const forBen = await ben.client.get('/api/v1/conversations');
    expect(forBen.body.map((c: { id: string }) => c.id)).toEqual([other, first]);
    // Ben wrote the last message of the lunch thread, so it is read for him; Cat's message is not.
    expect(forBen.body.map((c: { unread: boolean }) => c.unread)).toEqual([true, false]);
    expect(forBen.body[0].accounts.map((a: { id: string }) => a.id)).toEqual([String(cat.accountId)]);

    const outsider = await createPerson(server);
    expect((await outsider.client.get('/api/v1/conversations')).body).toEqual([]);
  });

  it('marks read, hides until a new message, and answers 404 for threads the viewer is not in', async () => {
    const [ann, ben, eve] = await Promise.all([
      createPerson(server),
      createPerson(server),
      createPerson(server),
    ]);
    const root = await post(ann, `@${ben.username} ping`, { visibility: 'direct' });

    const read = await ben.client.post(`/api/v1/conversations/${root}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: root, unread: false, last_status: { id: root } });
    expect((await ben.client.get('/api/v1/conversations')).body[0].unread).toBe(false);

    expect((await eve.client.post(`/api/v1/conversations/${root}/read`)).status).toBe(404);
    expect((await eve.client.delete(`/api/v1/conversations/${root}`)).status).toBe(404);
    expect((await ben.client.post('/api/v1/conversations/abc/read')).status).toBe(404);

    expect((await ben.client.delete(`/api/v1/conversations/${root}`)).body).toEqual({});
    expect((await ben.client.get('/api/v1/conversations')).body).toEqual([]);
    expect((await ben.client.post(`/api/v1/conversations/${root}/read`)).status).toBe(404);
    // Hiding is Ben's alone.
    expect((await ann.client.get('/api/v1/conversations')).body.map((c: { id: string }) => c.id)).toEqual([
      root,
    ]);

    const again = await post(ann, `@${ben.username} still there?`, {
      visibility: 'direct',
      in_reply_to_id: root,
    });
    const back = await ben.client.get('/api/v1/conversations');
    expect(back.body).toHaveLength(1);
    expect(back.body[0]).toMatchObject({ id: root, unread: true, last_status: { id: again } });
  });

  it('leaves out a direct message held by screening, except for its author', async () => {
    const [ann, ben] = await Promise.all([createPerson(server), createPerson(server)]);
    const held = await post(ann, `@${ben.username} something risky`, { visibility: 'direct' });
    await server.ctx.database.db
      .updateTable('statuses')
      .set({ moderation_state: 'held' })
      .where('id', '=', Number(held))
      .execute();
    expect((await ben.client.get('/api/v1/conversations')).body).toEqual([]);
    expect((await ben.client.post(`/api/v1/conversations/${held}/read`)).status).toBe(404);
    expect((await ann.client.get('/api/v1/conversations')).body.map((c: { id: string }) => c.id)).toEqual([
      held,
    ]);
  });

  it('pages conversations by their last message with a Link header', async () => {
    const me = await createPerson(server);
    const others = await Promise.all([1, 2, 3].map(() => createPerson(server)));
    const roots: string[] = [];
    for (const other of others)
      roots.push(await post(other, `@${me.username} hello`, { visibility: 'direct' }));
    const first = await me.client.get('/api/v1/conversations?limit=2');
    expect(first.body.map((c: { id: string }) => c.id)).toEqual([roots[2], roots[1]]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toContain(`max_id=${roots[1]}`);
    expect(
      (await me.client.get(next!.replace(server.url, ''))).body.map((c: { id: string }) => c.id),
    ).toEqual([roots[0]]);
    const prev = await me.client.get(`/api/v1/conversations?min_id=${roots[0]}`);
    expect(prev.body.map((c: { id: string }) => c.id)).toEqual([roots[2], roots[1]]);
  });

  it('needs sign-in and the right scopes', async () => {
    const me = await createPerson(server);
    expect((await server.anonymous.get('/api/v1/conversations')).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read'],
      name: 'r',
    });
    const readOnly = server.client(secret);
    expect((await readOnly.get('/api/v1/conversations')).status).toBe(200);
    expect((await readOnly.post('/api/v1/conversations/1/read')).status).toBe(403);
  });
});
