import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('Idempotency-Key on POST /api/v1/statuses (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  function create(person: TestPerson, body: Record<string, unknown>, key: string) {
    return person.client.request('POST', '/api/v1/statuses', body, { 'idempotency-key': key });
  }

  async function postsWithText(person: TestPerson, text: string): Promise<number> {
    const rows = await server.ctx.database.db
      .selectFrom('statuses')
      .select('id')
      .where('account_id', '=', person.accountId)
      .where('text', '=', text)
      .execute();
    return rows.length;
  }

  it('replays the first answer for the same key instead of posting again', async () => {
    const me = await createPerson(server);
    const first = await create(me, { status: 'only once' }, 'key-1');
    expect(first.status).toBe(200);
    const again = await create(me, { status: 'only once' }, 'key-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await postsWithText(me, 'only once')).toBe(1);
    // Without the key, or with another, it is a new post.
    expect((await create(me, { status: 'only once' }, 'key-2')).body.id).not.toBe(first.body.id);
    expect(await postsWithText(me, 'only once')).toBe(2);
  });

  it('creates exactly one post for five concurrent requests with one key', async () => {
    const me = await createPerson(server);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => create(me, { status: 'racing' }, 'race')),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await postsWithText(me, 'racing')).toBe(1);
  });

  it('keeps keys apart per person', async () => {
    const [a, b] = await Promise.all([createPerson(server), createPerson(server)]);
    const fromA = await create(a, { status: 'shared key' }, 'same');
    const fromB = await create(b, { status: 'shared key' }, 'same');
    expect(fromB.body.id).not.toBe(fromA.body.id);
    expect(fromB.body.account.id).toBe(String(b.accountId));
  });

  it('stores nothing for a failed request, so a corrected retry with the key posts', async () => {
    const me = await createPerson(server);
    const failed = await create(me, { status: '' }, 'retry-me');
    expect(failed.status).toBe(422);
    const retried = await create(me, { status: 'fixed' }, 'retry-me');
    expect(retried.status).toBe(200);
    expect(retried.body.content).toContain('fixed');
  });

  it('forgets a key after an hour', async () => {
    const me = await createPerson(server);
    const first = await create(me, { status: 'hourly' }, 'hour');
    await server.ctx.database.db
      .updateTable('idempotency_keys')
      .set({ expires_at: Date.now() - 1 })
      .where('account_id', '=', me.accountId)
      .execute();
    const later = await create(me, { status: 'hourly' }, 'hour');
    expect(later.body.id).not.toBe(first.body.id);
    expect(await postsWithText(me, 'hourly')).toBe(2);
  });

  it('refuses a key longer than 255 characters (400), posting nothing', async () => {
    const me = await createPerson(server);
    const res = await create(me, { status: 'too long a key' }, 'k'.repeat(256));
    expect(res.status).toBe(400);
    expect(res.body.details.field).toBe('Idempotency-Key');
    expect(await postsWithText(me, 'too long a key')).toBe(0);
  });
});
