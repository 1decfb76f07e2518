import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('threads (%s)', (dialect) => {
  let server: TestServer;
  let ann: TestPerson;
  let ben: TestPerson;
  let cat: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await createPerson(server, { username: 'ann' });
    ben = await createPerson(server, { username: 'ben' });
    cat = await createPerson(server, { username: 'cat' });
  });
  afterAll(() => server.close());

  const write = async (person: TestPerson, status: string, extra: Record<string, unknown> = {}) => {
    const res = await person.client.post('/api/v1/statuses', { status, ...extra });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('builds the context: ancestors oldest first, descendants depth first', async () => {
    const root = await write(ann, 'root');
    const a = await write(ben, 'a', { in_reply_to_id: root.id });
    const b = await write(ann, 'b', { in_reply_to_id: root.id });
    const a1 = await write(cat, 'a1', { in_reply_to_id: a.id });
    const a1x = await write(ann, 'a1x', { in_reply_to_id: a1.id });
    expect(a.in_reply_to_id).toBe(root.id);
    expect(a.in_reply_to_account_id).toBe(String(ann.accountId));

    const ofRoot = await cat.client.get(`/api/v1/statuses/${root.id}/context`);
    expect(ofRoot.status).toBe(200);
    expect(ofRoot.body.ancestors).toEqual([]);
    expect(ofRoot.body.descendants.map((s: any) => s.content)).toEqual([
      '<p>a</p>',
      '<p>a1</p>',
      '<p>a1x</p>',
      '<p>b</p>',
    ]);

    const ofA1 = await cat.client.get(`/api/v1/statuses/${a1.id}/context`);
    expect(ofA1.body.ancestors.map((s: any) => s.id)).toEqual([root.id, a.id]);
    expect(ofA1.body.descendants.map((s: any) => s.id)).toEqual([a1x.id]);
    void b;

    const rootNow = await ann.client.get(`/api/v1/statuses/${root.id}`);
    expect(rootNow.body.replies_count).toBe(2);
  });

  it('leaves out of the context what the viewer may not see', async () => {
    const root = await write(ann, 'open thread');
    const secret = await write(ben, 'to ann only @ann', { in_reply_to_id: root.id, visibility: 'direct' });
    const open = await write(cat, 'open reply', { in_reply_to_id: root.id });
    const forAnn = await ann.client.get(`/api/v1/statuses/${root.id}/context`);
    expect(forAnn.body.descendants.map((s: any) => s.id)).toEqual([secret.id, open.id]);
    const forCat = await cat.client.get(`/api/v1/statuses/${root.id}/context`);
    expect(forCat.body.descendants.map((s: any) => s.id)).toEqual([open.id]);
    expect((await cat.client.get(`/api/v1/statuses/${secret.id}/context`)).status).toBe(404);
  });

  it("defaults a reply to its parent's audience, but keeps an explicit choice", async () => {
    const parent = await write(ann, 'followers only @ben', { visibility: 'private' });
    const reply = await write(ben, 'reply', { in_reply_to_id: parent.id });
    expect(reply.roost.visibility).toBe('followers');
    const widened = await write(ben, 'reply for all', { in_reply_to_id: parent.id, visibility: 'public' });
    expect(widened.roost.visibility).toBe('organization');
  });

  it('notifies the replied-to author once: as a mention when mentioned, otherwise as a reply', async () => {
    const parent = await write(ann, 'question');
    const plain = await write(ben, 'an answer', { in_reply_to_id: parent.id });
    const mentioning = await write(cat, '@ann another answer', { in_reply_to_id: parent.id });
    await write(ann, 'my own follow-up', { in_reply_to_id: parent.id });
    const notifications = (await ann.client.get('/api/v1/notifications')).body as any[];
    const about = (id: string) => notifications.filter((n) => n.status?.id === id);
    expect(about(plain.id)).toHaveLength(1);
    expect(about(plain.id)[0]).toMatchObject({ type: 'mention', roost: { type: 'reply' } });
    expect(about(mentioning.id)).toHaveLength(1);
    expect(about(mentioning.id)[0].type).toBe('mention');
    expect(notifications.filter((n) => n.account.id === String(ann.accountId))).toEqual([]);
  });

  it('keeps replies when the parent is deleted and counts replies down', async () => {
    const parent = await write(ann, 'parent');
    const reply = await write(ben, 'child', { in_reply_to_id: parent.id });
    const grandchild = await write(cat, 'grandchild', { in_reply_to_id: reply.id });
    expect((await ann.client.get(`/api/v1/statuses/${reply.id}`)).body.replies_count).toBe(1);
    expect((await cat.client.delete(`/api/v1/statuses/${grandchild.id}`)).status).toBe(200);
    expect((await ann.client.get(`/api/v1/statuses/${reply.id}`)).body.replies_count).toBe(0);
    expect((await ann.client.delete(`/api/v1/statuses/${parent.id}`)).status).toBe(200);
    const orphan = await ben.client.get(`/api/v1/statuses/${reply.id}`);
    expect(orphan.status).toBe(200);
    expect(orphan.body.in_reply_to_id).toBeNull();
    expect((await ben.client.get(`/api/v1/statuses/${reply.id}/context`)).body).toEqual({
      ancestors: [],
      descendants: [],
    });
  });

  it('answers a reply to a reshare as a reply to the original', async () => {
    const original = await write(ann, 'original');
    const reshare = (await ben.client.post(`/api/v1/statuses/${original.id}/reblog`)).body;
    const reply = await write(cat, 'reply via reshare', { in_reply_to_id: reshare.id });
    expect(reply.in_reply_to_id).toBe(original.id);
    const context = await cat.client.get(`/api/v1/statuses/${reshare.id}/context`);
    expect(context.body.descendants.map((s: any) => s.id)).toEqual([reply.id]);
  });
});
