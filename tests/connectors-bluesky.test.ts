import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyFor } from '../src/services/connectors/allowlist.js';
import { BlueskyConnector, recordKey } from '../src/services/connectors/bluesky-connector.js';
import { startBlueskyPds, type LocalPds } from './helpers/bluesky.js';
import {
  createBrand,
  draftPath,
  eventually,
  person,
  type BrandFixture,
  type Staff,
} from './helpers/brand-setup.js';
import { DIALECTS } from './helpers/dialects.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** The `bluesky` connector against a real PDS on loopback (@atproto/dev-env). */

const COLLECTION = 'app.bsky.feed.post';

interface Delivery {
  id: string;
  connector_id: string | null;
  action: string;
  state: string;
  attempts: number;
  last_error: string | null;
  remote_id: string | null;
  remote_url: string | null;
  idempotency_key: string;
}

interface PostRecord {
  uri: string;
  value: { $type: string; text: string; createdAt: string };
}

describe.each(DIALECTS)('the Bluesky connector against a local PDS (%s)', (dialect) => {
  let server: TestServer;
  let pds: LocalPds;
  let admin: Staff;
  let author: Staff;
  let approver: Staff;
  let publisher: Staff;
  let owner: Staff;

  beforeAll(async () => {
    [server, pds] = await Promise.all([startTestServer(dialect), startBlueskyPds()]);
    admin = await person(server, { role: 'admin', twoFactor: true });
    author = await person(server, { twoFactor: true });
    approver = await person(server, { twoFactor: true });
    publisher = await person(server, { twoFactor: true });
    owner = await person(server, { twoFactor: true });
    // The PDS listens on loopback, which connectors refuse unless an administrator allows it.
    const host = new URL(pds.service).hostname;
    for (const entry of new Set([host, '127.0.0.1'])) {
      const allowed = await admin.client.post('/api/roost/v1/admin/outbound_allowlist', { host: entry });
      expect(allowed.status).toBe(200);
    }
  });
  afterAll(async () => {
    await pds?.close();
    await server?.close();
  });

  /** Runs the outbox until nothing is due (the server's own worker may take some jobs first). */
  async function drain(): Promise<void> {
    while ((await server.ctx.jobs.runDue()) > 0) {
      /* drain */
    }
  }

  async function xrpc(
    method: string,
    params: Record<string, string>,
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(`${pds.service}/xrpc/${method}?${new URLSearchParams(params)}`);
    return { status: response.status, body: await response.json() };
  }

  async function postsWithText(text: string): Promise<PostRecord[]> {
    const listed = await xrpc('com.atproto.repo.listRecords', {
      repo: pds.did,
      collection: COLLECTION,
      limit: '100',
    });
    expect(listed.status).toBe(200);
    return (listed.body.records as PostRecord[]).filter((r) => r.value.text === text);
  }

  function getRecord(uri: string) {
    const [, repo, collection, rkey] = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri)!;
    return xrpc('com.atproto.repo.getRecord', { repo: repo!, collection: collection!, rkey: rkey! });
  }

  async function externalBrand(): Promise<BrandFixture> {
    return createBrand(admin.client, {
      external: true,
      members: [
        [owner, ['owner']],
        [author, ['contributor']],
        [approver, ['approver']],
        [publisher, ['publisher']],
      ],
    });
  }

  async function bluesky(brand: BrandFixture, secret = pds.appPassword) {
    const created = await owner.client.post(`/api/roost/v1/brands/${brand.id}/connectors`, {
      kind: 'bluesky',
      name: 'Bluesky',
      settings: { service: pds.service, identifier: pds.handle },
      secret,
    });
    expect(created.status).toBe(200);
    return created.body;
  }

  async function release(brand: BrandFixture, text: string): Promise<string> {
    const id = (await author.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: text })).body
      .id;
    expect((await author.client.post(draftPath(brand, id, 'submit'))).status).toBe(200);
    expect((await approver.client.post(draftPath(brand, id, 'approve'))).body.state).toBe('approved');
    const scheduled = await publisher.client.post(draftPath(brand, id, 'schedule'));
    expect(scheduled.status).toBe(200);
    return id;
  }

  const draft = (brand: BrandFixture, id: string) => author.client.get(draftPath(brand, id));
  const deliveryOf = (body: { deliveries: Delivery[] }, connectorId: string, action = 'publish') =>
    body.deliveries.find((d) => d.connector_id === connectorId && d.action === action);

  it('publishes an approved draft as one post record, also when the delivery is retried, and retracting deletes it', async () => {
    const brand = await externalBrand();
    const connector = await bluesky(brand);
    expect(connector).toMatchObject({
      kind: 'bluesky',
      settings: { service: pds.service, identifier: pds.handle },
      secret_hint: `…${pds.appPassword.slice(-4)}`,
    });
    expect(connector).not.toHaveProperty('secret');

    const text = `Hello, Bluesky, from ${dialect}!`;
    const id = await release(brand, text);
    await drain();
    const published = await eventually(
      () => draft(brand, id),
      (r) => r.body.state === 'published',
    );
    const delivery = deliveryOf(published.body, connector.id)!;
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 1, last_error: null });
    expect(delivery.idempotency_key).toBe(
      `brand-post:${id}:${published.body.revision.id}:connector:${connector.id}`,
    );
    const row = await server.ctx.database.db
      .selectFrom('brand_deliveries')
      .selectAll()
      .where('id', '=', Number(delivery.id))
      .executeTakeFirstOrThrow();
    const rkey = recordKey(row.created_at, delivery.idempotency_key);
    expect(delivery.remote_id).toBe(`at://${pds.did}/${COLLECTION}/${rkey}`);
    expect(delivery.remote_url).toBe(`https://bsky.app/profile/${pds.handle}/post/${rkey}`);

    const record = await getRecord(delivery.remote_id!);
    expect(record.status).toBe(200);
    expect(record.body.value).toMatchObject({
      $type: COLLECTION,
      text,
      createdAt: new Date(row.created_at).toISOString(),
    });
    expect(await postsWithText(text)).toHaveLength(1);

    // A retry after a lost answer: the PDS wrote the record but Roost never recorded it, so the
    // job runs the delivery again with the same idempotency key.
    await server.ctx.database.db
      .updateTable('brand_deliveries')
      .set({ state: 'retrying', remote_id: null, remote_url: null, delivered_at: null })
      .where('id', '=', row.id)
      .execute();
    await server.ctx.services.outbox.deliver({ deliveryId: row.id }, { id: 0, attempt: 2 });
    const again = deliveryOf((await draft(brand, id)).body, connector.id)!;
    expect(again).toMatchObject({ state: 'delivered', attempts: 2, remote_id: delivery.remote_id });
    // And the connector itself, sent the same post and key once more.
    const direct = new BlueskyConnector(
      { service: pds.service, identifier: pds.handle },
      pds.appPassword,
      async () => policyFor(['127.0.0.1', new URL(pds.service).hostname]),
    );
    const post = {
      draftId: Number(id),
      revisionId: Number(published.body.revision.id),
      text,
      spoilerText: '',
      brand: { id: Number(brand.id), username: brand.username, displayName: 'Brand' },
      internalUrl: null,
      releasedAt: row.created_at,
    };
    expect((await direct.publish(post, delivery.idempotency_key)).remoteId).toBe(delivery.remote_id);
    const once = await postsWithText(text);
    expect(once).toHaveLength(1);
    expect(once[0]!.uri).toBe(delivery.remote_id);

    const retracted = await publisher.client.post(draftPath(brand, id, 'retract'), {
      reason: 'Wrong network',
    });
    expect(retracted.body.state).toBe('retracted');
    await drain();
    const gone = await eventually(
      () => draft(brand, id),
      (r) => deliveryOf(r.body, connector.id, 'delete')?.state === 'delivered',
    );
    expect(deliveryOf(gone.body, connector.id, 'delete')).toMatchObject({
      remote_id: delivery.remote_id,
      idempotency_key: `brand-delete:${id}:${published.body.revision.id}:connector:${connector.id}`,
    });
    const missing = await getRecord(delivery.remote_id!);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('RecordNotFound');
    expect(await postsWithText(text)).toEqual([]);
  });

  it('fails at once, posting nothing, when the PDS refuses the app password', async () => {
    const brand = await externalBrand();
    const connector = await bluesky(brand, 'aaaa-bbbb-cccc-dddd');
    const text = `Not with that password (${dialect})`;
    const id = await release(brand, text);
    await drain();
    const failed = await eventually(
      () => draft(brand, id),
      (r) => deliveryOf(r.body, connector.id)?.state === 'failed',
    );
    expect(deliveryOf(failed.body, connector.id)).toMatchObject({
      attempts: 1,
      remote_id: null,
      last_error: expect.stringMatching(/Bluesky \(com\.atproto\.server\.createSession\) answered 401/),
    });
    expect(failed.body.state).toBe('sending');
    expect(await postsWithText(text)).toEqual([]);
  });

  it('checks a Bluesky connector’s settings and app password (400 naming the field, nothing written)', async () => {
    const brand = await externalBrand();
    const path = `/api/roost/v1/brands/${brand.id}/connectors`;
    const body = {
      kind: 'bluesky',
      name: 'Bluesky',
      settings: { service: pds.service, identifier: pds.handle },
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [body, 'secret'],
      [{ ...body, secret: 'x', settings: { service: pds.service } }, 'settings.identifier'],
      [
        { ...body, secret: 'x', settings: { identifier: pds.handle, service: 'at://nowhere' } },
        'settings.service',
      ],
      [{ ...body, secret: 'x', settings: { ...body.settings, url: pds.service } }, 'settings.url'],
    ];
    for (const [input, field] of cases) {
      const res = await owner.client.post(path, input);
      expect(res.status, field).toBe(400);
      expect(res.body.details.field).toBe(field);
    }
    expect((await author.client.post(path, { ...body, secret: pds.appPassword })).status).toBe(403);
    expect((await owner.client.get(path)).body).toEqual([]);
  });
});
