import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyFor } from '../src/services/connectors/allowlist.js';
import { MastodonConnector } from '../src/services/connectors/mastodon-connector.js';
import { verifyWebhook, WebhookVerificationError } from '../src/services/connectors/webhook-verify.js';
import {
  createBrand,
  draftPath,
  eventually,
  person,
  type BrandFixture,
  type Staff,
} from './helpers/brand-setup.js';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { WebhookReceiver } from './helpers/webhook-receiver.js';

describe.each(DIALECTS)('connectors and the outbox (%s)', (dialect) => {
  let server: TestServer;
  let admin: Staff;
  let author: Staff;
  let approver: Staff;
  let publisher: Staff;
  let owner: Staff;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await person(server, { role: 'admin', twoFactor: true });
    author = await person(server, { twoFactor: true });
    approver = await person(server, { twoFactor: true });
    publisher = await person(server, { twoFactor: true });
    owner = await person(server, { twoFactor: true });
  });
  afterAll(async () => {
    for (const receiver of receivers) await receiver.close();
    await server?.close();
  });

  async function receiver(): Promise<WebhookReceiver> {
    const r = await WebhookReceiver.start();
    receivers.push(r);
    return r;
  }

  /** The first test shows loopback refused until allow-listed; the others just need it allowed. */
  async function allowLoopback(): Promise<void> {
    const res = await admin.client.post('/api/roost/v1/admin/outbound_allowlist', { host: '127.0.0.1' });
    expect([200, 409]).toContain(res.status);
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

  async function webhook(
    brand: BrandFixture,
    hook: WebhookReceiver,
    options: { url?: string; maxAttempts?: number } = {},
  ) {
    const created = await owner.client.post(`/api/roost/v1/brands/${brand.id}/connectors`, {
      kind: 'webhook',
      name: 'Site feed',
      settings: { url: options.url ?? hook.url },
      ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
    });
    expect(created.status).toBe(200);
    hook.secret = created.body.secret;
    return created.body;
  }

  async function release(brand: BrandFixture, text: string): Promise<string> {
    const id = (await author.client.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: text })).body
      .id;
    await author.client.post(draftPath(brand, id, 'submit'));
    expect((await approver.client.post(draftPath(brand, id, 'approve'))).body.state).toBe('approved');
    const scheduled = await publisher.client.post(draftPath(brand, id, 'schedule'));
    expect(scheduled.status).toBe(200);
    expect(['scheduled', 'sending', 'published']).toContain(scheduled.body.state);
    return id;
  }

  const draft = (brand: BrandFixture, id: string) => author.client.get(draftPath(brand, id));
  interface Delivery {
    id: string;
    destination: string;
    action: string;
    state: string;
    attempts: number;
    last_error: string | null;
    remote_id: string | null;
    idempotency_key: string;
  }
  const connectorDelivery = (body: { deliveries: Delivery[] }, action = 'publish'): Delivery =>
    body.deliveries.find((d) => d.destination.startsWith('connector:') && d.action === action)!;

  it('refuses private and loopback destinations until an admin allow-lists them', async () => {
    const brand = await externalBrand();
    const hook = await receiver();
    await webhook(brand, hook, { url: hook.url.replace('127.0.0.1', 'localhost') });
    const id = await release(brand, 'Behind the firewall?');
    const failed = await eventually(
      () => draft(brand, id),
      (r) => connectorDelivery(r.body)?.state === 'failed',
    );
    expect(connectorDelivery(failed.body).last_error).toMatch(/private or loopback address/);
    expect(connectorDelivery(failed.body).attempts).toBe(1);
    expect(failed.body.state).toBe('sending');
    expect(hook.received).toEqual([]);

    expect(
      (await owner.client.post('/api/roost/v1/admin/outbound_allowlist', { host: '127.0.0.1' })).status,
    ).toBe(403);
    const bad = await admin.client.post('/api/roost/v1/admin/outbound_allowlist', { host: 'not a host!' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('host');
    const allowed = await admin.client.post('/api/roost/v1/admin/outbound_allowlist', { host: '127.0.0.1' });
    expect(allowed.status).toBe(200);
    expect(
      (await admin.client.post('/api/roost/v1/admin/outbound_allowlist', { host: '127.0.0.1' })).status,
    ).toBe(409);
    expect((await admin.client.get('/api/roost/v1/admin/outbound_allowlist')).body).toEqual([
      expect.objectContaining({ host: '127.0.0.1' }),
    ]);

    const delivery = connectorDelivery(failed.body);
    expect(
      (await publisher.client.post(`/api/roost/v1/brands/${brand.id}/deliveries/${delivery.id}/retry`))
        .status,
    ).toBe(403);
    const retried = await owner.client.post(
      `/api/roost/v1/brands/${brand.id}/deliveries/${delivery.id}/retry`,
    );
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('pending');
    const published = await eventually(
      () => draft(brand, id),
      (r) => r.body.state === 'published',
    );
    expect(connectorDelivery(published.body)).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(hook.unique('post.published')).toHaveLength(1);
    const audit = await admin.client.get(`/api/roost/v1/audit?brand_id=${brand.id}`);
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['delivery.failed', 'delivery.retry', 'connector.create']),
    );
  });

  it('signs webhooks as Standard Webhooks; the verifier refuses replays, tampering and wrong secrets', async () => {
    await allowLoopback();
    const brand = await externalBrand();
    const hook = await receiver();
    const connector = await webhook(brand, hook);
    expect(connector.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const listed = await owner.client.get(`/api/roost/v1/brands/${brand.id}/connectors`);
    expect(listed.body[0]).toMatchObject({
      kind: 'webhook',
      settings: { url: hook.url },
      secret_hint: `whsec_…${connector.secret.slice(-4)}`,
    });
    expect(JSON.stringify(listed.body)).not.toContain(connector.secret);

    const id = await release(brand, 'Signed, sealed, delivered.');
    const received = await hook.waitFor((h) => h.payload?.type === 'post.published');
    expect(received.verified).toBe(true);
    const published = await eventually(
      () => draft(brand, id),
      (r) => r.body.state === 'published',
    );
    const delivery = connectorDelivery(published.body);
    expect(received.id).toBe(delivery.idempotency_key);
    expect(delivery.idempotency_key).toBe(
      `brand-post:${id}:${published.body.revision.id}:connector:${connector.id}`,
    );
    expect(received.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(received.payload).toMatchObject({
      type: 'post.published',
      data: {
        id: delivery.idempotency_key,
        draft_id: id,
        brand: { id: brand.id, username: brand.username },
        text: 'Signed, sealed, delivered.',
      },
    });

    const headers = {
      'webhook-id': received.id,
      'webhook-timestamp': received.timestamp,
      'webhook-signature': received.signature,
    };
    const sentAt = Number(received.timestamp);
    expect(verifyWebhook(connector.secret, headers, received.body, { now: sentAt + 299 }).type).toBe(
      'post.published',
    );
    const failure = (fn: () => unknown) => {
      try {
        fn();
        return 'accepted';
      } catch (error) {
        return error instanceof WebhookVerificationError ? error.code : 'other';
      }
    };
    expect(
      failure(() => verifyWebhook(connector.secret, headers, received.body, { now: sentAt + 301 })),
    ).toBe('expired');
    expect(
      failure(() => verifyWebhook(connector.secret, headers, received.body, { now: sentAt - 301 })),
    ).toBe('invalid_timestamp');
    expect(
      failure(() => verifyWebhook(connector.secret, headers, received.body.replace('sealed', 'stolen'))),
    ).toBe('invalid_signature');
    expect(
      failure(() => verifyWebhook(connector.secret, { ...headers, 'webhook-id': 'other' }, received.body)),
    ).toBe('invalid_signature');
    expect(
      failure(() => verifyWebhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`, headers, received.body)),
    ).toBe('invalid_signature');
    expect(failure(() => verifyWebhook(connector.secret, { 'webhook-id': received.id }, received.body))).toBe(
      'missing_headers',
    );
    expect(failure(() => verifyWebhook('not-a-secret', headers, received.body))).toBe('invalid_secret');
  });

  it('retries 5xx and 429 (honouring Retry-After) with the same idempotency key', async () => {
    await allowLoopback();
    const brand = await externalBrand();
    const hook = await receiver();
    await webhook(brand, hook);
    const times: number[] = [];
    hook.respond((_hook, attempt) => {
      times.push(Date.now());
      if (attempt === 1) return { status: 503 };
      if (attempt === 2) return { status: 429, headers: { 'retry-after': '2' } };
      return { status: 200, body: { id: 'remote-1', url: 'https://example.com/posts/remote-1' } };
    });
    const id = await release(brand, 'Third time lucky');
    const published = await eventually(
      () => draft(brand, id),
      (r) => r.body.state === 'published',
    );
    expect(connectorDelivery(published.body)).toMatchObject({
      state: 'delivered',
      attempts: 3,
      remote_id: 'remote-1',
      remote_url: 'https://example.com/posts/remote-1',
    });
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((h) => h.id)).size).toBe(1);
    expect(hook.received.every((h) => h.verified)).toBe(true);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1900);
  });

  it('keeps a dead letter after the last attempt, fails 4xx at once, and lets owners retry', async () => {
    await allowLoopback();
    const brand = await externalBrand();
    const hook = await receiver();
    await webhook(brand, hook, { maxAttempts: 2 });
    hook.respond(() => ({ status: 500 }));
    const id = await release(brand, 'Into the void');
    const dead = await eventually(
      () => draft(brand, id),
      (r) => connectorDelivery(r.body)?.state === 'dead',
    );
    expect(connectorDelivery(dead.body)).toMatchObject({
      attempts: 2,
      last_error: expect.stringContaining('500'),
    });
    expect(dead.body.state).toBe('sending');
    const letters = await owner.client.get(`/api/roost/v1/brands/${brand.id}/deliveries?state=dead`);
    expect(letters.body.map((d: { draft_id: string }) => d.draft_id)).toEqual([id]);
    hook.respond(() => ({ status: 200 }));
    const retried = await owner.client.post(
      `/api/roost/v1/brands/${brand.id}/deliveries/${letters.body[0].id}/retry`,
    );
    expect(retried.status).toBe(200);
    await eventually(
      () => draft(brand, id),
      (r) => r.body.state === 'published',
    );
    expect(
      (await owner.client.post(`/api/roost/v1/brands/${brand.id}/deliveries/${letters.body[0].id}/retry`))
        .status,
    ).toBe(409);

    hook.respond(() => ({ status: 400 }));
    const refused = await release(brand, 'Malformed for them');
    const failed = await eventually(
      () => draft(brand, refused),
      (r) => connectorDelivery(r.body)?.state === 'failed',
    );
    expect(connectorDelivery(failed.body)).toMatchObject({ attempts: 1 });
    expect((await owner.client.post(`/api/roost/v1/brands/${brand.id}/deliveries/999999/retry`)).status).toBe(
      404,
    );
  });

  it('publishes to a Mastodon-API server (a second Roost) and retracting deletes at every destination', async () => {
    await allowLoopback();
    const remote = await startTestServer(dialect);
    try {
      const account = await createPerson(remote, { username: `northwind_remote_${dialect}` });
      const brand = await externalBrand();
      const hook = await receiver();
      await webhook(brand, hook);
      const mastodon = await owner.client.post(`/api/roost/v1/brands/${brand.id}/connectors`, {
        kind: 'mastodon',
        name: 'Remote Roost',
        settings: { base_url: remote.url },
        secret: account.token,
      });
      expect(mastodon.status).toBe(200);
      expect(mastodon.body).not.toHaveProperty('secret');
      expect(mastodon.body.secret_hint).toBe(`…${account.token.slice(-4)}`);

      const id = await release(brand, 'Hello, fediverse!');
      const published = await eventually(
        () => draft(brand, id),
        (r) => r.body.state === 'published',
      );
      const there = published.body.deliveries.find(
        (d: { connector_id: string }) => d.connector_id === mastodon.body.id,
      );
      expect(there).toMatchObject({ state: 'delivered', remote_url: expect.stringContaining(remote.url) });
      const status = await account.client.get(`/api/v1/statuses/${there.remote_id}`);
      expect(status.body.account.id).toBe(String(account.accountId));
      expect(status.body.content).toContain('Hello, fediverse!');
      expect(published.body.deliveries).toHaveLength(3);
      // Sent again with the same idempotency key (a retry after a lost answer): still one post there.
      const connector = new MastodonConnector({ baseUrl: remote.url }, account.token, async () =>
        policyFor(['127.0.0.1']),
      );
      const post = {
        draftId: 1,
        revisionId: 1,
        text: 'Hello, fediverse!',
        spoilerText: '',
        brand: { id: 1, username: 'x', displayName: 'X' },
        internalUrl: null,
        releasedAt: Date.now(),
      };
      const again = await connector.publish(post, there.idempotency_key);
      expect(again.remoteId).toBe(there.remote_id);
      expect((await account.client.get(`/api/v1/accounts/${account.accountId}`)).body.statuses_count).toBe(1);

      expect((await author.client.post(draftPath(brand, id, 'retract'))).status).toBe(403);
      const retracted = await publisher.client.post(draftPath(brand, id, 'retract'), {
        reason: 'Posted too early',
      });
      expect(retracted.body.state).toBe('retracted');
      const gone = await eventually(
        () => draft(brand, id),
        (r) =>
          r.body.deliveries.filter(
            (d: { action: string; state: string }) => d.action === 'delete' && d.state === 'delivered',
          ).length === 3,
      );
      expect(gone.body.deliveries.filter((d: { action: string }) => d.action === 'delete')).toHaveLength(3);
      expect((await account.client.get(`/api/v1/statuses/${there.remote_id}`)).status).toBe(404);
      expect((await author.client.get(`/api/v1/statuses/${published.body.status_id}`)).status).toBe(404);
      const deleted = await hook.waitFor((h) => h.payload?.type === 'post.deleted');
      expect(deleted.verified).toBe(true);
      expect(deleted.payload?.data).toMatchObject({
        draft_id: id,
        remote_id: connectorDelivery(published.body).remote_id ?? expect.any(String),
      });
      const audit = await admin.client.get(`/api/roost/v1/audit?brand_id=${brand.id}&action=draft.retract`);
      expect(audit.body[0]).toMatchObject({
        actor_id: String(publisher.accountId),
        reason: 'Posted too early',
      });
    } finally {
      await remote.close();
    }
  });

  it('lets only owners (with two-factor sign-in) configure connectors, and only on external brands', async () => {
    const brand = await externalBrand();
    const hook = await receiver();
    const path = `/api/roost/v1/brands/${brand.id}/connectors`;
    const body = { kind: 'webhook', name: 'Feed', settings: { url: hook.url } };
    expect((await author.client.post(path, body)).status).toBe(403);
    const noTwoFactor = await person(server);
    await admin.client.put(`/api/roost/v1/brands/${brand.id}/members/${noTwoFactor.accountId}`, {
      roles: ['owner'],
    });
    expect((await noTwoFactor.client.post(path, body)).body.code).toBe('two_factor_required');
    const internal = await createBrand(admin.client, { members: [[owner, ['owner']]] });
    expect((await owner.client.post(`/api/roost/v1/brands/${internal.id}/connectors`, body)).status).toBe(
      409,
    );
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...body, settings: { url: 'ftp://example.com' } }, 'settings.url'],
      [{ ...body, settings: {} }, 'settings.url'],
      [{ ...body, settings: { url: hook.url, colour: 'red' } }, 'settings.colour'],
      [{ ...body, secret: 'plain' }, 'secret'],
      [{ kind: 'mastodon', name: 'M', settings: { base_url: 'https://m.example' } }, 'secret'],
      [{ ...body, max_attempts: 0 }, 'max_attempts'],
      [{ ...body, kind: 'fax' }, 'kind'],
    ];
    for (const [input, field] of cases) {
      const res = await owner.client.post(path, input);
      expect(res.status, field).toBe(400);
      expect(res.body.details.field).toBe(field);
    }
    expect((await owner.client.get(path)).body).toEqual([]);
    const created = await owner.client.post(path, {
      ...body,
      secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
    });
    expect(created.body).not.toHaveProperty('secret');
    const patched = await owner.client.patch(`${path}/${created.body.id}`, {
      enabled: false,
      name: 'Old feed',
    });
    expect(patched.body).toMatchObject({ enabled: false, name: 'Old feed' });
    expect((await author.client.patch(`${path}/${created.body.id}`, { enabled: true })).status).toBe(403);
    expect((await owner.client.delete(`${path}/${created.body.id}`)).status).toBe(204);
    expect((await owner.client.delete(`${path}/${created.body.id}`)).status).toBe(404);
  });
});
