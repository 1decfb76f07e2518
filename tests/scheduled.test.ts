import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISH_JOB } from '../src/services/scheduled/scheduled-service.js';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe.each(DIALECTS)('scheduled statuses (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.close());

  async function postsWithText(person: TestPerson, text: string) {
    return server.ctx.database.db
      .selectFrom('statuses')
      .select('id')
      .where('account_id', '=', person.accountId)
      .where('text', '=', text)
      .execute();
  }

  /** Makes every pending publishing job due and runs the queue until the scheduled post is out. */
  async function publishDue(person: TestPerson, text: string): Promise<void> {
    await server.ctx.database.db
      .updateTable('jobs')
      .set({ run_at: Date.now() - 1000 })
      .where('name', '=', PUBLISH_JOB)
      .execute();
    const deadline = Date.now() + 5000;
    // The worker started by the test server may claim a job first; then wait for it.
    while ((await postsWithText(person, text)).length === 0 && Date.now() < deadline) {
      if ((await server.ctx.jobs.runDue()) === 0) await new Promise((r) => setTimeout(r, 20));
    }
    while ((await server.ctx.jobs.runDue()) > 0) {
      /* drain */
    }
  }

  it('schedules a post, lists, shows, moves and publishes it through the job queue', async () => {
    const me = await createPerson(server);
    const at = inMinutes(10);
    const res = await me.client.post('/api/v1/statuses', {
      status: 'later, #planned',
      scheduled_at: at,
      visibility: 'private',
      spoiler_text: 'cw',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scheduled_at: at,
      params: {
        text: 'later, #planned',
        visibility: 'private',
        spoiler_text: 'cw',
        media_ids: null,
        in_reply_to_id: null,
      },
      media_attachments: [],
    });
    expect(await postsWithText(me, 'later, #planned')).toHaveLength(0);
    const id = res.body.id;
    expect((await me.client.get('/api/v1/scheduled_statuses')).body.map((s: { id: string }) => s.id)).toEqual(
      [id],
    );
    expect((await me.client.get(`/api/v1/scheduled_statuses/${id}`)).body.id).toBe(id);

    const moved = await me.client.put(`/api/v1/scheduled_statuses/${id}`, { scheduled_at: inMinutes(20) });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.scheduled_at)).toBeGreaterThan(Date.parse(at));

    // Both the job for the old time and the one for the new time come due: one post comes out.
    await publishDue(me, 'later, #planned');
    const published = await postsWithText(me, 'later, #planned');
    expect(published).toHaveLength(1);
    const status = await me.client.get(`/api/v1/statuses/${published[0]!.id}`);
    expect(status.body).toMatchObject({ visibility: 'private', spoiler_text: 'cw' });
    expect((await me.client.get(`/api/v1/scheduled_statuses/${id}`)).status).toBe(404);
    expect((await me.client.get('/api/v1/scheduled_statuses')).body).toEqual([]);
  });

  it('publishes once even when its job runs twice', async () => {
    const me = await createPerson(server);
    const res = await me.client.post('/api/v1/statuses', {
      status: 'exactly once',
      scheduled_at: inMinutes(6),
    });
    const job = await server.ctx.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', PUBLISH_JOB)
      .where('payload', 'like', `%${res.body.id}%`)
      .executeTakeFirstOrThrow();
    await publishDue(me, 'exactly once');
    // The same job delivered again (at least once delivery): nothing more is posted.
    await server.ctx.database.transaction((tx) =>
      server.ctx.jobs.enqueue(tx, PUBLISH_JOB, JSON.parse(job.payload), { runAt: Date.now() - 1 }),
    );
    while ((await server.ctx.jobs.runDue()) > 0) {
      /* drain */
    }
    expect(await postsWithText(me, 'exactly once')).toHaveLength(1);
  });

  it('carries media attachments to the published post', async () => {
    const me = await createPerson(server);
    const file = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#abcdef' } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'p.png');
    const media = await me.client.post('/api/v2/media', form);
    expect(media.status).toBe(200);
    const res = await me.client.post('/api/v1/statuses', {
      status: 'with a picture',
      media_ids: [media.body.id],
      scheduled_at: inMinutes(30),
    });
    expect(res.status).toBe(200);
    expect(res.body.params.media_ids).toEqual([media.body.id]);
    expect(res.body.media_attachments.map((m: { id: string }) => m.id)).toEqual([media.body.id]);
    await publishDue(me, 'with a picture');
    const [row] = await postsWithText(me, 'with a picture');
    const status = await me.client.get(`/api/v1/statuses/${row!.id}`);
    expect(status.body.media_attachments.map((m: { id: string }) => m.id)).toEqual([media.body.id]);
  });

  it('refuses times under five minutes ahead and bad input (422), storing nothing', async () => {
    const me = await createPerson(server);
    for (const scheduled_at of [inMinutes(4), inMinutes(-1), 'next tuesday']) {
      const res = await me.client.post('/api/v1/statuses', { status: 'too soon', scheduled_at });
      expect(res.status).toBe(422);
      expect(res.body.details.field).toBe('scheduled_at');
    }
    const tooLong = await me.client.post('/api/v1/statuses', {
      status: 'x'.repeat(600),
      scheduled_at: inMinutes(10),
    });
    expect(tooLong.status).toBe(422);
    const badMedia = await me.client.post('/api/v1/statuses', {
      status: 'no such media',
      media_ids: ['12345'],
      scheduled_at: inMinutes(10),
    });
    expect(badMedia.status).toBe(422);
    expect(badMedia.body.details.field).toBe('media_ids');
    expect((await me.client.get('/api/v1/scheduled_statuses')).body).toEqual([]);
    const res = await me.client.post('/api/v1/statuses', { status: 'ok', scheduled_at: inMinutes(10) });
    const soon = await me.client.put(`/api/v1/scheduled_statuses/${res.body.id}`, {
      scheduled_at: inMinutes(1),
    });
    expect(soon.status).toBe(422);
  });

  it('shows scheduled posts only to their author (404), and needs credentials and scopes', async () => {
    const [me, other] = await Promise.all([createPerson(server), createPerson(server)]);
    const res = await me.client.post('/api/v1/statuses', { status: 'mine', scheduled_at: inMinutes(10) });
    const id = res.body.id;
    expect((await other.client.get(`/api/v1/scheduled_statuses/${id}`)).status).toBe(404);
    expect(
      (await other.client.put(`/api/v1/scheduled_statuses/${id}`, { scheduled_at: inMinutes(15) })).status,
    ).toBe(404);
    expect((await other.client.delete(`/api/v1/scheduled_statuses/${id}`)).status).toBe(404);
    expect((await other.client.get('/api/v1/scheduled_statuses')).body).toEqual([]);
    expect((await server.anonymous.get('/api/v1/scheduled_statuses')).status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(me.userId, {
      scopes: ['read'],
    });
    expect((await server.client(secret).delete(`/api/v1/scheduled_statuses/${id}`)).status).toBe(403);
    expect((await me.client.delete(`/api/v1/scheduled_statuses/${id}`)).body).toEqual({});
    expect((await me.client.get(`/api/v1/scheduled_statuses/${id}`)).status).toBe(404);
    // A cancelled post never comes out, even when its job comes due.
    await server.ctx.database.db
      .updateTable('jobs')
      .set({ run_at: Date.now() - 1000 })
      .where('name', '=', PUBLISH_JOB)
      .execute();
    while ((await server.ctx.jobs.runDue()) > 0) {
      /* drain */
    }
    expect(await postsWithText(me, 'mine')).toHaveLength(0);
  });
});
