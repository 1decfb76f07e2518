/**
 * A local Bluesky PDS for connector tests, from @atproto/dev-env (a devDependency):
 * `TestNetworkNoAppView` runs a PLC directory and a PDS on loopback, without the app view. The
 * account it creates signs in with an app password, as a brand's `bluesky` connector would
 * (tests/connectors-bluesky.test.ts).
 */
import { TestNetworkNoAppView } from '@atproto/dev-env';

export interface LocalPds {
  /** The PDS's base URL (loopback). */
  service: string;
  handle: string;
  did: string;
  appPassword: string;
  close(): Promise<void>;
}

export async function startBlueskyPds(): Promise<LocalPds> {
  const network = await TestNetworkNoAppView.create({});
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
