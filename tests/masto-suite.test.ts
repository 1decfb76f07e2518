/**
 * Roost driven only through `masto`, a real Mastodon client library: an app signs people in with
 * the OAuth code flow and PKCE (the consent step is done with fetch against the HTML pages, as a
 * browser would), then posts with media, threads, pages timelines, reads notifications, searches,
 * uses lists, filters, bookmarks and scheduled posts, and streams over WebSocket.
 */
import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthAPIClient, createRestAPIClient, createStreamingAPIClient, type mastodon } from 'masto';
import { DIALECTS } from './helpers/dialects.js';
import { createPerson } from './helpers/factories.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const REDIRECT = 'https://client.example/callback';
const PASSWORD = 'masto suite password';

/** Just enough of a browser for the sign-in and consent pages: cookies and forms, redirects left to the caller. */
class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(method: string, path: string, fields?: Record<string, string>) {
    const headers: Record<string, string> = { origin: this.base };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (fields) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(fields).toString();
    }
    const response = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const match = /^([^=]+)=([^;]*)/.exec(line);
      if (match?.[2]) this.cookies.set(match[1]!, match[2]);
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    };
  }
}

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }
  return fields;
}

async function png(colour: string): Promise<Blob> {
  const buffer = await sharp({ create: { width: 24, height: 16, channels: 3, background: colour } })
    .png()
    .toBuffer();
  return new Blob([new Uint8Array(buffer)], { type: 'image/png' });
}

/** Runs `action` until `found` says the awaited event arrived (the stream may still be subscribing at first). */
async function untilSeen<T>(
  action: (attempt: number) => Promise<unknown>,
  found: () => T | undefined,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    await action(attempt);
    for (let i = 0; i < 10; i++) {
      const value = found();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw new Error('the event never arrived');
}

describe.each(DIALECTS)('Roost through masto (%s)', (dialect) => {
  let server: TestServer;
  let app: mastodon.v1.Client;
  let alice: mastodon.rest.Client;
  let bob: mastodon.rest.Client;
  let aliceToken: string;
  let aliceId: string;
  let bobId: string;

  /** The OAuth code flow with PKCE: masto registers the app and exchanges the code; fetch plays the browser. */
  async function signIn(username: string): Promise<string> {
    const { verifier, challenge } = (() => {
      const v = randomBytes(32).toString('base64url');
      return { verifier: v, challenge: createHash('sha256').update(v).digest('base64url') };
    })();
    const browser = new Browser(server.url);
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: app.clientId!,
      redirect_uri: REDIRECT,
      scope: 'read write follow push',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st',
    });
    const signInPage = await browser.request('GET', `/oauth/authorize?${query}`);
    expect(signInPage.text).toContain('action="/oauth/sign_in"');
    const signedIn = await browser.request('POST', '/oauth/sign_in', {
      ...hiddenFields(signInPage.text),
      login: username,
      password: PASSWORD,
    });
    expect(signedIn.status).toBe(303);
    const consent = await browser.request('GET', signedIn.location!);
    expect(consent.text).toContain('action="/oauth/authorize"');
    const approved = await browser.request('POST', '/oauth/authorize', {
      ...hiddenFields(consent.text),
      decision: 'approve',
    });
    expect(approved.status).toBe(302);
    const redirect = new URL(approved.location!);
    expect(redirect.searchParams.get('state')).toBe('st');
    const oauth = createOAuthAPIClient({ url: server.url });
    const exchange = {
      grantType: 'authorization_code' as const,
      clientId: app.clientId!,
      clientSecret: app.clientSecret!,
      redirectUri: REDIRECT,
      code: redirect.searchParams.get('code')!,
      scope: 'read write follow push',
      codeVerifier: verifier,
    };
    const token = await oauth.token.create(exchange);
    expect(token.scope).toBe('read write follow push');
    return token.accessToken;
  }

  beforeAll(async () => {
    server = await startTestServer(dialect);
    await createPerson(server, { username: 'alice', password: PASSWORD });
    await createPerson(server, { username: 'bob', password: PASSWORD });
    const anonymous = createRestAPIClient({ url: server.url });
    app = (await anonymous.v1.apps.create({
      clientName: 'masto suite',
      redirectUris: REDIRECT,
      scopes: 'read write follow push',
    })) as mastodon.v1.Client;
    aliceToken = await signIn('alice');
    alice = createRestAPIClient({ url: server.url, accessToken: aliceToken });
    bob = createRestAPIClient({ url: server.url, accessToken: await signIn('bob') });
    aliceId = (await alice.v1.accounts.verifyCredentials()).id;
    bobId = (await bob.v1.accounts.verifyCredentials()).id;
    await alice.v1.accounts.$select(bobId).follow();
  });
  afterAll(() => server.close());

  it('signed both people in through OAuth with PKCE', async () => {
    const me = await alice.v1.accounts.verifyCredentials();
    expect(me.username).toBe('alice');
    const verified = await alice.v1.apps.verifyCredentials();
    expect(verified.name).toBe('masto suite');
  });

  it('posts with media, edits the attachments, and refuses media that is not the author’s', async () => {
    const first = await alice.v2.media.create({ file: await png('#ff0000'), description: 'a red box' });
    expect(first.type).toBe('image');
    expect(first.meta?.original?.width).toBe(24);
    const second = await alice.v2.media.create({ file: await png('#00ff00') });
    const status = await alice.v1.statuses.create({
      status: 'two pictures',
      mediaIds: [first.id, second.id],
    });
    expect(status.mediaAttachments.map((m) => m.id)).toEqual([first.id, second.id]);
    expect(status.mediaAttachments[0]!.description).toBe('a red box');
    const image = await fetch(status.mediaAttachments[0]!.url!);
    expect(image.status).toBe(200);

    const edited = await alice.v1.statuses
      .$select(status.id)
      .update({ status: 'one picture', mediaIds: [second.id] });
    expect(edited.mediaAttachments.map((m) => m.id)).toEqual([second.id]);
    expect((await bob.v1.statuses.$select(status.id).fetch()).mediaAttachments.map((m) => m.id)).toEqual([
      second.id,
    ]);

    const bobs = await bob.v2.media.create({ file: await png('#0000ff') });
    await expect(alice.v1.statuses.create({ status: 'stolen', mediaIds: [bobs.id] })).rejects.toMatchObject({
      statusCode: 422,
    });
    const five = await Promise.all(
      [1, 2, 3, 4, 5].map(
        async (i) => (await alice.v2.media.create({ file: await png(`#0${i}0${i}0${i}`) })).id,
      ),
    );
    await expect(alice.v1.statuses.create({ status: 'too many', mediaIds: five })).rejects.toMatchObject({
      statusCode: 422,
    });
    // Nothing was attached by the refused posts: they are still free to use.
    const ok = await alice.v1.statuses.create({ status: 'four', mediaIds: five.slice(0, 4) });
    expect(ok.mediaAttachments).toHaveLength(4);
    const onlyMedia = await alice.v1.accounts.$select(aliceId).statuses.list({ onlyMedia: true });
    expect(onlyMedia.map((s) => s.id)).toEqual([ok.id, status.id]);
  });

  it('follows a thread through context', async () => {
    const root = await alice.v1.statuses.create({ status: 'root of a thread' });
    const reply = await bob.v1.statuses.create({ status: '@alice a reply', inReplyToId: root.id });
    const deeper = await alice.v1.statuses.create({ status: '@bob and back', inReplyToId: reply.id });
    const context = await bob.v1.statuses.$select(reply.id).context.fetch();
    expect(context.ancestors.map((s) => s.id)).toEqual([root.id]);
    expect(context.descendants.map((s) => s.id)).toEqual([deeper.id]);
  });

  it('pages the home timeline and an account’s posts with masto’s paginators', async () => {
    const posted: string[] = [];
    for (let i = 0; i < 7; i++) posted.push((await bob.v1.statuses.create({ status: `page item ${i}` })).id);
    const seen: string[] = [];
    for await (const page of alice.v1.timelines.home.list({ limit: 3 })) {
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((s) => s.id));
      if (seen.length > 60) break;
    }
    const homeItems = seen.filter((id) => posted.includes(id));
    expect(homeItems).toEqual([...posted].reverse());
    expect(new Set(seen).size).toBe(seen.length);

    const paginator = alice.v1.accounts.$select(bobId).statuses.list({ limit: 2, excludeReplies: true });
    const iterator = paginator.values();
    const one = await iterator.next();
    const two = await iterator.next();
    expect(one.value?.map((s: mastodon.v1.Status) => s.id)).toEqual([posted[6], posted[5]]);
    expect(two.value?.map((s: mastodon.v1.Status) => s.id)).toEqual([posted[4], posted[3]]);
  });

  it('reads notifications, searches, bookmarks', async () => {
    const mine = await alice.v1.statuses.create({ status: 'a findable marmalade post' });
    await bob.v1.statuses.$select(mine.id).favourite();
    const mention = await bob.v1.statuses.create({ status: '@alice about marmalade' });
    const notifications = await alice.v1.notifications.list({ limit: 10 });
    expect(notifications.find((n) => n.type === 'favourite')?.status?.id).toBe(mine.id);
    expect(notifications.find((n) => n.type === 'mention')?.status?.id).toBe(mention.id);

    const results = await alice.v2.search.list({ q: 'marmalade', type: 'statuses' });
    expect(results.statuses.map((s) => s.id).sort()).toEqual([mine.id, mention.id].sort());
    const people = await alice.v2.search.list({ q: 'bob', type: 'accounts' });
    expect(people.accounts.map((a) => a.id)).toContain(bobId);

    await alice.v1.statuses.$select(mention.id).bookmark();
    const bookmarks = await alice.v1.bookmarks.list();
    expect(bookmarks.map((s) => s.id)).toEqual([mention.id]);
  });

  it('keeps lists and filters', async () => {
    const list = await alice.v1.lists.create({ title: 'bob only' });
    await alice.v1.lists.$select(list.id).accounts.create({ accountIds: [bobId] });
    expect((await alice.v1.lists.$select(list.id).accounts.list()).map((a) => a.id)).toEqual([bobId]);
    const inList = await bob.v1.statuses.create({ status: 'for the list, and about rhubarb' });
    const timeline = await alice.v1.timelines.list.$select(list.id).list();
    expect(timeline[0]?.id).toBe(inList.id);

    const filter = await alice.v2.filters.create({
      title: 'rhubarb',
      context: ['home'],
      filterAction: 'warn',
      keywordsAttributes: [{ keyword: 'rhubarb' }],
    });
    const home = await alice.v1.timelines.home.list({ limit: 5 });
    const warned = home.find((s) => s.id === inList.id);
    expect(warned?.filtered?.[0]?.filter.id).toBe(filter.id);
    expect(warned?.filtered?.[0]?.keywordMatches).toEqual(['rhubarb']);
  });

  it('schedules, lists, moves and cancels a post', async () => {
    const at = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = (await alice.v1.statuses.create({
      status: 'see you later',
      scheduledAt: at,
    })) as unknown as mastodon.v1.ScheduledStatus;
    expect(scheduled.scheduledAt).toBe(at);
    expect(scheduled.params.text).toBe('see you later');
    expect((await alice.v1.scheduledStatuses.list()).map((s) => s.id)).toEqual([scheduled.id]);
    const later = new Date(Date.now() + 7200_000).toISOString();
    const moved = await alice.v1.scheduledStatuses.$select(scheduled.id).update({ scheduledAt: later });
    expect(moved.scheduledAt).toBe(later);
    await alice.v1.scheduledStatuses.$select(scheduled.id).remove();
    expect(await alice.v1.scheduledStatuses.list()).toEqual([]);
  });

  it('streams an update and a notification live over WebSocket', async () => {
    const instance = await alice.v2.instance.fetch();
    const streaming = createStreamingAPIClient({
      streamingApiUrl: instance.configuration.urls.streaming,
      accessToken: aliceToken,
      retry: false,
    });
    const events: mastodon.streaming.Event[] = [];
    const subscription = streaming.user.subscribe();
    const reading = (async () => {
      for await (const event of subscription) events.push(event);
    })().catch(() => undefined);
    try {
      const update = await untilSeen(
        (attempt) => bob.v1.statuses.create({ status: `live ${attempt}` }),
        () => events.find((e) => e.event === 'update'),
      );
      expect(update.event === 'update' && update.payload.account.id).toBe(bobId);
      const mine = await alice.v1.statuses.create({ status: 'like this live' });
      await bob.v1.statuses.$select(mine.id).favourite();
      const notification = await untilSeen(
        async () => undefined,
        () => events.find((e) => e.event === 'notification'),
      );
      expect(notification.event === 'notification' && notification.payload.type).toBe('favourite');
      expect(notification.event === 'notification' && notification.payload.status?.id).toBe(mine.id);
    } finally {
      subscription.unsubscribe();
      streaming.close();
      await reading;
    }
  });
});
