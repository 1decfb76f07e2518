/**
 * An independent scenario through a second Mastodon client library, megalodon 9 (the last major
 * that runs on Node 20): it registers an app and signs in with its own authorize URL and token
 * exchange, posts, replies, likes, reads the home timeline and notifications, and streams over its
 * own WebSocket client (which connects to `/api/v1/streaming/?stream=user&access_token=…`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import megalodon, { type Entity, type MegalodonInterface } from 'megalodon';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

// megalodon is CommonJS: Node's ESM import gives its exports object, vitest's may give the function itself.
const loaded = megalodon as unknown as typeof megalodon.default | { default: typeof megalodon.default };
const generator = typeof loaded === 'function' ? loaded : loaded.default;

const REDIRECT = 'https://second.example/callback';
const PASSWORD = 'second client password';

async function form(base: string, path: string, cookie: string, fields: Record<string, string>) {
  return fetch(base + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  }
  return fields;
}

function cookiesOf(response: Response, jar: Map<string, string>): string {
  for (const line of response.headers.getSetCookie()) {
    const match = /^([^=]+)=([^;]*)/.exec(line);
    if (match?.[2]) jar.set(match[1]!, match[2]);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

describe.each(DIALECTS)('Roost through megalodon (%s)', (dialect) => {
  let server: TestServer;
  let carol: MegalodonInterface;
  let dave: MegalodonInterface;
  let carolId: string;
  let daveId: string;

  /** megalodon registers the app and builds the authorize URL; fetch plays the browser; megalodon exchanges the code. */
  async function signIn(username: string): Promise<{ client: MegalodonInterface; token: string }> {
    const anonymous = generator('mastodon', server.url);
    const app = await anonymous.registerApp('second client', {
      scopes: ['read', 'write', 'follow'],
      redirect_uris: REDIRECT,
    });
    expect(app.url).toContain('/oauth/authorize?');
    const authorize = new URL(app.url!);
    const jar = new Map<string, string>();
    const page = await fetch(authorize, { redirect: 'manual' });
    let cookie = cookiesOf(page, jar);
    const signedIn = await form(server.url, '/oauth/sign_in', cookie, {
      ...hiddenFields(await page.text()),
      login: username,
      password: PASSWORD,
    });
    cookie = cookiesOf(signedIn, jar);
    const consent = await fetch(new URL(signedIn.headers.get('location')!, server.url), {
      headers: { cookie },
      redirect: 'manual',
    });
    cookie = cookiesOf(consent, jar);
    const approved = await form(server.url, '/oauth/authorize', cookie, {
      ...hiddenFields(await consent.text()),
      decision: 'approve',
    });
    expect(approved.status).toBe(302);
    const code = new URL(approved.headers.get('location')!).searchParams.get('code')!;
    const token = await anonymous.fetchAccessToken(app.client_id, app.client_secret, code, REDIRECT);
    return { client: generator('mastodon', server.url, token.access_token), token: token.access_token };
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createPerson(server, { username: 'carol', password: PASSWORD });
    await createPerson(server, { username: 'dave', password: PASSWORD });
    carol = (await signIn('carol')).client;
    dave = (await signIn('dave')).client;
    carolId = (await carol.verifyAccountCredentials()).data.id;
    daveId = (await dave.verifyAccountCredentials()).data.id;
  });
  afterAll(() => server.close());

  it('posts, replies, likes, and reads the home timeline and notifications', async () => {
    expect((await carol.followAccount(daveId)).data.following).toBe(true);
    const post = (await dave.postStatus('hello from megalodon')).data as Entity.Status;
    expect(post.content).toContain('hello from megalodon');
    const reply = (await carol.postStatus('@dave hi back', { in_reply_to_id: post.id }))
      .data as Entity.Status;
    expect(reply.in_reply_to_id).toBe(post.id);
    const liked = await carol.favouriteStatus(post.id);
    expect(liked.data.favourited).toBe(true);

    const home = await carol.getHomeTimeline({ limit: 10 });
    expect(home.data.map((s) => s.id)).toEqual([reply.id, post.id]);
    const notifications = await dave.getNotifications({ limit: 10 });
    const kinds = notifications.data.map((n) => [n.type, n.account?.id]);
    expect(kinds).toContainEqual(['favourite', carolId]);
    expect(kinds).toContainEqual(['mention', carolId]);
    expect(kinds).toContainEqual(['follow', carolId]);
    const context = await dave.getStatusContext(post.id);
    expect(context.data.descendants.map((s) => s.id)).toEqual([reply.id]);
  });

  it('streams an update and a notification over megalodon’s WebSocket', async () => {
    const socket = carol.userSocket();
    const updates: Entity.Status[] = [];
    const notifications: Entity.Notification[] = [];
    socket.on('update', (status: Entity.Status) => updates.push(status));
    socket.on('notification', (notification: Entity.Notification) => notifications.push(notification));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve());
        socket.on('error', (error: Error) => reject(error));
      });
      const deadline = Date.now() + 8000;
      let live: Entity.Status | undefined;
      for (let attempt = 0; !live && Date.now() < deadline; attempt++) {
        const posted = (await dave.postStatus(`streamed ${attempt}`)).data as Entity.Status;
        for (let i = 0; i < 10 && !live; i++) {
          live = updates.find((s) => s.id === posted.id);
          if (!live) await new Promise((r) => setTimeout(r, 25));
        }
      }
      expect(live?.account.id).toBe(daveId);
      const mine = (await carol.postStatus('notify me')).data as Entity.Status;
      await dave.favouriteStatus(mine.id);
      for (let i = 0; i < 200 && notifications.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(notifications[0]).toMatchObject({ type: 'favourite', status: { id: mine.id } });
    } finally {
      socket.stop();
    }
  });
});
