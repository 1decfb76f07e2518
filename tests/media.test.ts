import http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson, type TestPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const UPLOAD_LIMIT = 400_000;

function png(width: number, height: number, colour = '#336699'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

function form(
  file: Buffer | null,
  fields: Record<string, string> = {},
  type = 'image/png',
  name = 'file',
): FormData {
  const body = new FormData();
  if (file) body.append(name, new Blob([new Uint8Array(file)], { type }), 'upload.bin');
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return body;
}

function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path }, (response) => {
      let body = '';
      response.setEncoding('latin1');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

async function fetchFile(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(url);
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe.each(DIALECTS)('media attachments (%s)', (dialect) => {
  let server: TestServer;
  let ann: TestPerson;
  let ben: TestPerson;

  beforeAll(async () => {
    server = await startTestServer(dialect, { ROOST_UPLOAD_LIMIT: String(UPLOAD_LIMIT) });
    [ann, ben] = await Promise.all([createPerson(server), createPerson(server)]);
  });
  afterAll(() => server.close());

  async function mediaCount(): Promise<number> {
    const row = await server.ctx.database.db
      .selectFrom('media_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('uploads an image through v2 and answers a MediaAttachment with a preview, sizes and a blurhash', async () => {
    const res = await ann.client.request(
      'POST',
      '/api/v2/media',
      form(await png(1280, 720), { description: 'A blue square', focus: '-0.5,0.25' }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const media = res.body;
    expect(media).toMatchObject({
      type: 'image',
      remote_url: null,
      description: 'A blue square',
      meta: {
        original: { width: 1280, height: 720, size: '1280x720', aspect: 1280 / 720 },
        small: { width: 640, height: 360, size: '640x360' },
        focus: { x: -0.5, y: 0.25 },
      },
    });
    expect(media.id).toMatch(/^\d+$/);
    expect(media.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{28}$/);
    expect(media.url).toMatch(new RegExp(`^${server.url}/media/attachments/[A-Za-z0-9_-]{24}\\.png$`));
    expect(media.preview_url).toMatch(/\.webp$/);

    const original = await fetchFile(media.url);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(original.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(original.headers.get('cache-control')).toContain('immutable');
    expect((await sharp(original.bytes).metadata()).width).toBe(1280);
    const preview = await fetchFile(media.preview_url);
    expect(preview.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(preview.bytes).metadata()).toMatchObject({ format: 'webp', width: 640, height: 360 });
  });

  it('also answers on the v1 path', async () => {
    const res = await ann.client.request('POST', '/api/v1/media', form(await png(10, 10)));
    expect(res.status).toBe(200);
    expect(res.body.meta.original).toMatchObject({ width: 10, height: 10 });
    expect(res.body.description).toBeNull();
  });

  it('strips metadata and applies the orientation before storing', async () => {
    const jpeg = await sharp({ create: { width: 100, height: 50, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Copyright: 'Secret Corp', Artist: 'Jane Doe' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const res = await ann.client.request('POST', '/api/v2/media', form(jpeg, {}, 'image/jpeg'));
    expect(res.status).toBe(200);
    expect(res.body.meta.original).toMatchObject({ width: 50, height: 100 });
    const stored = await fetchFile(res.body.url);
    expect(stored.headers.get('content-type')).toBe('image/jpeg');
    const metadata = await sharp(stored.bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(stored.bytes.includes(Buffer.from('Secret Corp'))).toBe(false);
    expect([metadata.width, metadata.height]).toEqual([50, 100]);
  });

  it('refuses what is not a supported image with 422, too many pixels with 422, too large a file with 413 — storing nothing', async () => {
    const before = await mediaCount();
    const text = await ann.client.request(
      'POST',
      '/api/v2/media',
      form(Buffer.from('<svg onload="alert(1)"/>'), {}, 'image/png'),
    );
    expect(text.status).toBe(422);
    expect(text.body.details.field).toBe('file');

    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const svgRes = await ann.client.request('POST', '/api/v2/media', form(svg, {}, 'image/svg+xml'));
    expect(svgRes.status).toBe(422);
    expect(svgRes.body.error).toMatch(/JPEG, PNG, WebP or GIF/);

    const huge = await png(5000, 4000);
    expect(huge.length).toBeLessThan(UPLOAD_LIMIT);
    const hugeRes = await ann.client.request('POST', '/api/v2/media', form(huge));
    expect(hugeRes.status).toBe(422);
    expect(hugeRes.body.error).toMatch(/pixels/);

    const noise = Buffer.alloc(400 * 400 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    const large = await sharp(noise, { raw: { width: 400, height: 400, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(large.length).toBeGreaterThan(UPLOAD_LIMIT);
    const largeRes = await ann.client.request('POST', '/api/v2/media', form(large));
    expect(largeRes.status).toBe(413);
    expect(largeRes.body.details.field).toBe('file');

    const missing = await ann.client.request('POST', '/api/v2/media', form(null, { description: 'no file' }));
    expect(missing.status).toBe(400);
    expect(missing.body.details.field).toBe('file');

    const badFocus = await ann.client.request(
      'POST',
      '/api/v2/media',
      form(await png(4, 4), { focus: '3,3' }),
    );
    expect(badFocus.status).toBe(400);
    expect(badFocus.body.details.field).toBe('focus');

    expect(await mediaCount()).toBe(before);
  });

  it('needs a signed-in person with write:media', async () => {
    const res = await server.anonymous.request('POST', '/api/v2/media', form(await png(4, 4)));
    expect(res.status).toBe(401);
    const { secret } = await server.ctx.services.credentials.createAccessToken(ann.userId, {
      scopes: ['read'],
      name: 'read only',
    });
    const readOnly = await server.client(secret).request('POST', '/api/v2/media', form(await png(4, 4)));
    expect(readOnly.status).toBe(403);
  });

  it('lets the owner read and describe an unattached upload; others get 404', async () => {
    const created = (await ann.client.request('POST', '/api/v2/media', form(await png(20, 10)))).body;
    const shown = await ann.client.get(`/api/v1/media/${created.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.id).toBe(created.id);

    const json = await ann.client.put(`/api/v1/media/${created.id}`, {
      description: 'Now described',
      focus: '0.1,-0.2',
    });
    expect(json.status).toBe(200);
    expect(json.body.description).toBe('Now described');
    expect(json.body.meta.focus).toEqual({ x: 0.1, y: -0.2 });

    const multipart = await ann.client.request(
      'PUT',
      `/api/v1/media/${created.id}`,
      form(null, { description: 'Via form' }),
    );
    expect(multipart.body.description).toBe('Via form');
    expect(multipart.body.meta.focus).toEqual({ x: 0.1, y: -0.2 });

    const tooLong = await ann.client.put(`/api/v1/media/${created.id}`, { description: 'x'.repeat(1501) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.details.field).toBe('description');
    expect((await ann.client.get(`/api/v1/media/${created.id}`)).body.description).toBe('Via form');

    expect((await ben.client.get(`/api/v1/media/${created.id}`)).status).toBe(404);
    expect((await ben.client.put(`/api/v1/media/${created.id}`, { description: 'mine now' })).status).toBe(
      404,
    );
    expect((await ben.client.delete(`/api/v1/media/${created.id}`)).status).toBe(404);
    expect((await ann.client.get('/api/v1/media/nope')).status).toBe(404);
    expect((await ann.client.get(`/api/v1/media/${created.id}`)).body.description).toBe('Via form');
  });

  it('deletes an unattached upload with its files', async () => {
    const created = (await ann.client.request('POST', '/api/v2/media', form(await png(8, 8)))).body;
    expect((await fetchFile(created.url)).status).toBe(200);
    const res = await ann.client.delete(`/api/v1/media/${created.id}`);
    expect(res.status).toBe(200);
    expect((await ann.client.get(`/api/v1/media/${created.id}`)).status).toBe(404);
    expect((await fetchFile(created.url)).status).toBe(404);
    expect((await fetchFile(created.preview_url)).status).toBe(404);
  });

  it('serves only names it could have made: no traversal, no other files', async () => {
    for (const name of [
      '..%2F..%2Froost.sqlite',
      '%2E%2E%2Fmedia',
      'x.png',
      'AAAAAAAAAAAAAAAAAAAAAAAA.svg',
      'AAAAAAAAAAAAAAAAAAAAAAAA.png',
    ]) {
      const res = await fetch(`${server.url}/media/attachments/${name}`);
      expect(res.status, name).toBe(404);
    }
    // fetch() would normalise the dots away; a raw request sends them as written.
    const traversal = await rawGet(server.url, '/media/attachments/../../roost.sqlite');
    expect(traversal.status).toBe(404);
    expect(traversal.body).not.toContain('SQLite format');
  });

  it('attaches uploads to a post (owner only, at most four, in order) and hydrates them by post', async () => {
    const { media } = server.ctx.services;
    const post = (await ann.client.post('/api/v1/statuses', { status: 'with pictures' })).body;
    const mine: string[] = [];
    for (let i = 0; i < 5; i++)
      mine.push((await ann.client.request('POST', '/api/v2/media', form(await png(4 + i, 4)))).body.id);
    const bens = (await ben.client.request('POST', '/api/v2/media', form(await png(4, 4)))).body.id;
    const statusId = Number(post.id);

    const attach = (ids: string[], accountId = ann.accountId) =>
      server.ctx.database.transaction((tx) => media.attachToStatus(tx, accountId, statusId, ids.map(Number)));
    await expect(attach(mine)).rejects.toMatchObject({
      code: 'unprocessable',
      details: { field: 'media_ids' },
    });
    await expect(attach([mine[0]!, bens])).rejects.toMatchObject({ code: 'unprocessable' });
    expect((await media.forStatuses([statusId])).get(statusId)).toBeUndefined();

    await attach([mine[2]!, mine[0]!, mine[1]!]);
    const attached = (await media.forStatuses([statusId])).get(statusId)!;
    expect(attached.map((m) => String(m.id))).toEqual([mine[2], mine[0], mine[1]]);
    // Once posted, an attachment is no longer editable through /api/v1/media, as in Mastodon.
    expect((await ann.client.get(`/api/v1/media/${mine[0]}`)).status).toBe(404);
    expect((await ann.client.delete(`/api/v1/media/${mine[0]}`)).status).toBe(422);

    const other = (await ann.client.post('/api/v1/statuses', { status: 'another' })).body;
    await expect(
      server.ctx.database.transaction((tx) =>
        media.attachToStatus(tx, ann.accountId, Number(other.id), [Number(mine[0])]),
      ),
    ).rejects.toMatchObject({ code: 'unprocessable' });

    // An edit replaces the set: the dropped one is unattached again.
    await attach([mine[1]!]);
    expect((await media.forStatuses([statusId])).get(statusId)!.map((m) => String(m.id))).toEqual([mine[1]]);
    expect((await ann.client.get(`/api/v1/media/${mine[0]}`)).status).toBe(200);

    // Deleting the post deletes its attachments.
    expect((await ann.client.delete(`/api/v1/statuses/${post.id}`)).status).toBe(200);
    expect((await media.forStatuses([statusId])).size).toBe(0);
  });

  it('sweeps uploads nobody posted within a day and the files of deleted posts', async () => {
    const { media } = server.ctx.services;
    const person = await createPerson(server);
    const forgotten = (await person.client.request('POST', '/api/v2/media', form(await png(6, 6)))).body;
    const fresh = (await person.client.request('POST', '/api/v2/media', form(await png(7, 7)))).body;
    const posted = (await person.client.request('POST', '/api/v2/media', form(await png(8, 8)))).body;
    const status = (await person.client.post('/api/v1/statuses', { status: 'soon gone' })).body;
    await server.ctx.database.transaction((tx) =>
      media.attachToStatus(tx, person.accountId, Number(status.id), [Number(posted.id)]),
    );
    await server.ctx.database.db
      .updateTable('media_attachments')
      .set({ created_at: Date.now() - 2 * 24 * 3600_000 })
      .where('id', 'in', [Number(forgotten.id), Number(posted.id)])
      .execute();
    expect((await person.client.delete(`/api/v1/statuses/${status.id}`)).status).toBe(200);

    // The forgotten upload's row goes at once; files written within the last hour are left alone
    // (an upload may be between its files and its row), so they go on a later sweep.
    expect(await media.sweep()).toEqual({ uploads: 1, files: 0 });
    expect((await fetchFile(forgotten.url)).status).toBe(200);
    const later = await media.sweep(Date.now() + 2 * 3600_000);
    expect(later.files).toBeGreaterThanOrEqual(4);
    expect((await person.client.get(`/api/v1/media/${forgotten.id}`)).status).toBe(404);
    for (const url of [forgotten.url, forgotten.preview_url, posted.url, posted.preview_url]) {
      expect((await fetchFile(url)).status, url).toBe(404);
    }
    expect((await person.client.get(`/api/v1/media/${fresh.id}`)).status).toBe(200);
    expect((await fetchFile(fresh.url)).status).toBe(200);
  });
});
