/**
 * A local Bluesky PDS for connector tests, from @atproto/dev-env — NOT installed (see
 * docs/connectors.md for what installing it takes). No test uses this yet: with the package
 * present, a test calls `startBlueskyPds()`, configures a `bluesky` connector with the returned
 * service URL, handle and app password, allow-lists loopback, and checks the record with
 * com.atproto.repo.getRecord after publishing (once, also when retried) and after retracting.
 */

export interface LocalPds {
  /** The PDS's base URL (loopback). */
  service: string;
  handle: string;
  did: string;
  appPassword: string;
  close(): Promise<void>;
}

interface DevEnvModule {
  TestNetworkNoAppView: {
    create(options: Record<string, unknown>): Promise<{
      pds: { url: string };
      close(): Promise<void>;
    }>;
  };
}

export async function startBlueskyPds(): Promise<LocalPds> {
  // A variable specifier keeps TypeScript and Vite from resolving a package that is not installed.
  const specifier = '@atproto/dev-env';
  const devEnv = (await import(/* @vite-ignore */ specifier)) as DevEnvModule;
  const network = await devEnv.TestNetworkNoAppView.create({});
  const service = network.pds.url;
  const handle = 'northwind.test';
  const password = 'correct-horse-battery';
  const call = async <T>(method: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${service}/xrpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const account = await call<{ did: string; accessJwt: string }>('com.atproto.server.createAccount', {
    handle,
    email: 'brand@northwind.test',
    password,
  });
  const app = await call<{ password: string }>(
    'com.atproto.server.createAppPassword',
    { name: 'roost' },
    account.accessJwt,
  );
  return { service, handle, did: account.did, appPassword: app.password, close: () => network.close() };
}
