import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe.each(DIALECTS)('status visibility (%s)', (dialect) => {
  let server: TestServer;
  let author: TestPerson;
  let follower: TestPerson;
  let mentioned: TestPerson;
  let stranger: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    author = await createPerson(server, { username: 'author' });
    follower = await createPerson(server, { username: 'follower' });
    mentioned = await createPerson(server, { username: 'mentioned' });
    stranger = await createPerson(server, { username: 'stranger' });
    expect((await follower.client.post(`/api/v1/accounts/${author.accountId}/follow`)).status).toBe(200);
  });
  afterAll(() => server.close());

  const post = async (visibility: string, text = 'secret @mentioned') => {
    const res = await author.client.post('/api/v1/statuses', { status: text, visibility });
    expect(res.status).toBe(200);
    return res.body.id as string;
  };

  /** Every way of touching a post answers 404 to someone who may not see it, and changes nothing. */
  const expectHidden = async (person: TestPerson, id: string) => {
    const before = await server.ctx.database.db
      .selectFrom('statuses')
      .select(['id', 'favourites_count', 'reblogs_count'])
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow();
    for (const path of ['', '/context', '/history', '/source', '/favourited_by', '/reblogged_by']) {
      const res = await person.client.get(`/api/v1/statuses/${id}${path}`);
      expect(res.status, `GET ${path}`).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    for (const action of ['favourite', 'unfavourite', 'reblog', 'unreblog', 'bookmark', 'unbookmark']) {
      const res = await person.client.post(`/api/v1/statuses/${id}/${action}`);
      expect(res.status, `POST ${action}`).toBe(404);
    }
    expect((await person.client.put(`/api/v1/statuses/${id}`, { status: 'x' })).status).toBe(404);
    expect((await person.client.delete(`/api/v1/statuses/${id}`)).status).toBe(404);
    const reply = await person.client.post('/api/v1/statuses', {
      status: 'sneaky reply',
      in_reply_to_id: id,
    });
    expect(reply.status).toBe(404);
    const after = await server.ctx.database.db
      .selectFrom('statuses')
      .select(['id', 'favourites_count', 'reblogs_count'])
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const bookmarks = await server.ctx.database.db
      .selectFrom('bookmarks')
      .selectAll()
      .where('status_id', '=', Number(id))
      .execute();
    expect(bookmarks).toEqual([]);
  };

  it('shows organization posts to everyone signed in, and nothing to the signed out', async () => {
    const id = await post('public');
    for (const person of [follower, mentioned, stranger]) {
      expect((await person.client.get(`/api/v1/statuses/${id}`)).status).toBe(200);
    }
    expect((await server.anonymous.get(`/api/v1/statuses/${id}`)).status).toBe(401);
    expect((await server.anonymous.get(`/api/v1/statuses/${id}/context`)).status).toBe(401);
  });

  it('shows followers-only posts to the author, followers and mentioned people only', async () => {
    const id = await post('private');
    for (const person of [author, follower, mentioned]) {
      const res = await person.client.get(`/api/v1/statuses/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.visibility).toBe('private');
    }
    await expectHidden(stranger, id);
  });

  it('shows mentioned-only posts to the author and the mentioned people only', async () => {
    const id = await post('direct');
    for (const person of [author, mentioned])
      expect((await person.client.get(`/api/v1/statuses/${id}`)).status).toBe(200);
    await expectHidden(follower, id);
    await expectHidden(stranger, id);
  });

  it('refuses resharing a narrower audience with 422, even to those who see it', async () => {
    const id = await post('private');
    const res = await follower.client.post(`/api/v1/statuses/${id}/reblog`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unprocessable');
    const own = await author.client.post(`/api/v1/statuses/${id}/reblog`);
    expect(own.status).toBe(422);
    const rows = await server.ctx.database.db
      .selectFrom('statuses')
      .select('id')
      .where('reblog_of_id', '=', Number(id))
      .execute();
    expect(rows).toEqual([]);
  });

  it('takes a mentioned-only post away from someone an edit stops mentioning', async () => {
    const id = await post('direct', 'for @mentioned only');
    expect((await mentioned.client.get(`/api/v1/statuses/${id}`)).status).toBe(200);
    // Editing the mention away takes the post away from the person no longer mentioned.
    expect((await author.client.put(`/api/v1/statuses/${id}`, { status: 'for nobody now' })).status).toBe(
      200,
    );
    expect((await mentioned.client.get(`/api/v1/statuses/${id}`)).status).toBe(404);
  });

  it('stops showing a followers-only post after unfollowing', async () => {
    const id = await post('private', 'followers only');
    expect((await follower.client.get(`/api/v1/statuses/${id}`)).status).toBe(200);
    await follower.client.post(`/api/v1/accounts/${author.accountId}/unfollow`);
    expect((await follower.client.get(`/api/v1/statuses/${id}`)).status).toBe(404);
    await follower.client.post(`/api/v1/accounts/${author.accountId}/follow`);
  });
});
