/**
 * Crash safety of the brand outbox: the real server runs as a child process (`roost serve`) and is
 * killed with SIGKILL while deliveries are in flight (the webhook receiver holds the requests
 * open), while one scheduled post is due and before another falls due. After a restart every
 * approved post reaches each destination exactly once once de-duplicated by its idempotency key
 * (the webhook-id), and nothing is lost.
 *
 * Slow by nature: a job claimed by the killed process is picked up again only when its lease
 * (60 s, src/jobs/queue.ts) has expired.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { ALL_SCOPES } from '../src/services/auth/viewer.js';
import { totp } from '../src/services/two-factor/totp.js';
import { ApiClient } from './helpers/api-client.js';
import { eventually } from './helpers/brand-setup.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/dialects.js';
import { WebhookReceiver } from './helpers/webhook-receiver.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Seeded {
  admin: string;
  writer: string;
  boss: string;
  writerId: number;
  bossId: number;
}

/** People, their tokens and two-factor enrolment, through the real services before the server starts. */
async function seed(env: Record<string, string>): Promise<Seeded> {
  const ctx = await createContext(loadConfig(env, ROOT));
  try {
    const { accounts, credentials, twoFactor } = ctx.services;
    const people: Array<{ token: string; accountId: number }> = [];
    for (const [username, role] of [
      ['crash_admin', 'admin'],
      ['crash_writer', 'member'],
      ['crash_boss', 'member'],
    ] as const) {
      const { userId, accountId } = await accounts.createPerson({
        username,
        email: `${username}@example.com`,
        role,
        displayName: username,
      });
      const { secret } = await credentials.createAccessToken(userId, {
        scopes: [...ALL_SCOPES],
        name: 'crash test',
      });
      const viewer = (await credentials.viewerFromToken(secret))!;
      const setup = await twoFactor.setup(viewer, username);
      await twoFactor.confirm(viewer, totp(setup.secret));
      people.push({ token: secret, accountId });
    }
    return {
      admin: people[0]!.token,
      writer: people[1]!.token,
      boss: people[2]!.token,
      writerId: people[1]!.accountId,
      bossId: people[2]!.accountId,
    };
  } finally {
    await ctx.close();
  }
}

class RoostProcess {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    private readonly env: Record<string, string>,
    readonly url: string,
  ) {}

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [path.join(ROOT, 'bin/roost.mjs'), 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    await eventually(
      () =>
        fetch(`${this.url}/api/v1/instance`).then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200,
      30_000,
    );
  }

  /** SIGKILL: no shutdown hooks, no draining — as a power cut or an OOM kill. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}

describe.each(DIALECTS)('outbox crash safety (%s)', (dialect) => {
  let database: TestDatabase;
  let roost: RoostProcess;
  let receiver: WebhookReceiver;
  let people: Seeded;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    receiver = await WebhookReceiver.start();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      ROOST_DATA_DIR: database.dataDir,
      ROOST_DATABASE_URL: database.target.dialect === 'sqlite' ? database.target.file : database.target.url,
      ROOST_HOST: '127.0.0.1',
      ROOST_PORT: String(port),
      ROOST_BASE_URL: url,
      ROOST_LOG_LEVEL: 'silent',
      // The test polls; the API's per-token limit (300 per 5 minutes) is for people.
      ROOST_RATE_LIMIT_SCALE: '1000',
    };
    people = await seed(env);
    roost = new RoostProcess(env, url);
    await roost.start();
  }, 60_000);

  afterAll(async () => {
    await roost?.kill();
    await receiver?.close();
    await database?.drop();
  });

  it(
    'delivers every approved post exactly once to each destination across SIGKILL and restart',
    { timeout: 240_000 },
    async () => {
      const admin = new ApiClient(roost.url, people.admin);
      const writer = new ApiClient(roost.url, people.writer);
      const boss = new ApiClient(roost.url, people.boss);
      expect((await admin.post('/api/roost/v1/admin/outbound_allowlist', { host: '127.0.0.1' })).status).toBe(
        200,
      );
      const brand = (
        await admin.post('/api/roost/v1/brands', {
          username: 'crashproof',
          display_name: 'Crash Proof',
          external: true,
          undo_window_seconds: 0,
        })
      ).body;
      await admin.put(`/api/roost/v1/brands/${brand.id}/members/${people.writerId}`, {
        roles: ['contributor'],
      });
      await admin.put(`/api/roost/v1/brands/${brand.id}/members/${people.bossId}`, {
        roles: ['approver', 'publisher', 'owner'],
      });
      const connector = await boss.post(`/api/roost/v1/brands/${brand.id}/connectors`, {
        kind: 'webhook',
        name: 'Receiver',
        settings: { url: receiver.url },
      });
      expect(connector.status).toBe(200);
      receiver.secret = connector.body.secret;
      receiver.respond(() => 'hold');

      const approved = async (text: string): Promise<string> => {
        const id = (await writer.post(`/api/roost/v1/brands/${brand.id}/drafts`, { status: text })).body.id;
        await writer.post(`/api/roost/v1/brands/${brand.id}/drafts/${id}/submit`);
        expect((await boss.post(`/api/roost/v1/brands/${brand.id}/drafts/${id}/approve`)).body.state).toBe(
          'approved',
        );
        return id;
      };
      const schedule = (id: string, at?: number) =>
        boss.post(
          `/api/roost/v1/brands/${brand.id}/drafts/${id}/schedule`,
          at ? { scheduled_at: new Date(at).toISOString() } : {},
        );

      // Two posts go out now and hang in flight at the receiver.
      const inFlight = [await approved('In flight one'), await approved('In flight two')];
      for (const id of inFlight) await schedule(id);
      const dueAtKill = await approved('Due as the power goes');
      const dueWhileDown = await approved('Due while the server is down');
      await eventually(
        async () => new Set(receiver.received.map((h) => h.payload?.data.draft_id)),
        (ids) => inFlight.every((id) => ids.has(id)),
        30_000,
      );
      const killAt = Date.now() + 1500;
      await schedule(dueAtKill, killAt);
      await schedule(dueWhileDown, killAt + 2500);
      await eventually(
        async () => Date.now(),
        (now) => now >= killAt,
      );
      await roost.kill();

      // Down: the requests in flight lost their sender; the receiver now answers normally.
      receiver.respond(() => ({ status: 200, body: {} }));
      receiver.release();
      await eventually(
        async () => Date.now(),
        (now) => now >= killAt + 3000,
      );
      await roost.start();

      const all = [...inFlight, dueAtKill, dueWhileDown];
      for (const id of all) {
        const done = await eventually(
          () => boss.get(`/api/roost/v1/brands/${brand.id}/drafts/${id}`),
          (r) => r.body.state === 'published',
          150_000,
          500,
        );
        expect(done.body.deliveries.map((d: { state: string }) => d.state)).toEqual([
          'delivered',
          'delivered',
        ]);
      }
      // Exactly once per destination after de-duplication by webhook-id; every copy correctly signed.
      const published = receiver.unique('post.published');
      expect(published.map((h) => h.payload!.data.draft_id).sort()).toEqual([...all].sort());
      expect(receiver.received.every((h) => h.verified)).toBe(true);
      // The in-flight ones were sent again after the restart, with the same idempotency key.
      for (const id of inFlight)
        expect(
          receiver.received.filter((h) => h.payload?.data.draft_id === id).length,
        ).toBeGreaterThanOrEqual(2);
      // Internally too: one post per draft on the brand's profile.
      const statuses = await boss.get(`/api/v1/accounts/${brand.account_id}/statuses?limit=40`);
      expect(statuses.body.map((s: { content: string }) => s.content).length).toBe(all.length);
    },
  );
});
