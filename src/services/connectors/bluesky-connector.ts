/**
 * The Bluesky (AT Protocol) connector: signs in to the account's PDS with an app password and
 * writes an `app.bsky.feed.post` record. It speaks XRPC over the same guarded HTTP client as the
 * other connectors rather than through @atproto/api (not installed, and its agent would bypass
 * the private-address guard). Idempotent by construction: the record key is a TID derived from
 * the release time and the idempotency key, and `putRecord` with the same key and content
 * writes the same record again instead of a second post.
 *
 * Tested against a local PDS from @atproto/dev-env in tests/connectors-bluesky.test.ts.
 */
import { createHash } from 'node:crypto';
import {
  deliveryErrorFor,
  DeliveryError,
  type Connector,
  type OutboundPost,
  type PublishedRemote,
} from './connector.js';
import { outboundRequest, type AddressPolicy } from './outbound-http.js';

export interface BlueskySettings {
  /** The PDS, e.g. https://bsky.social. */
  service: string;
  /** Handle or DID of the account. */
  identifier: string;
}

const COLLECTION = 'app.bsky.feed.post';
const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

export class BlueskyConnector implements Connector {
  readonly kind = 'bluesky' as const;

  constructor(
    private readonly settings: BlueskySettings,
    private readonly appPassword: string,
    private readonly policy: () => Promise<AddressPolicy>,
  ) {}

  async publish(post: OutboundPost, idempotencyKey: string): Promise<PublishedRemote> {
    const session = await this.session();
    const rkey = recordKey(post.releasedAt, idempotencyKey);
    const text = post.spoilerText ? `${post.spoilerText}\n\n${post.text}` : post.text;
    const written = await this.call<{ uri: string }>('com.atproto.repo.putRecord', session.accessJwt, {
      repo: session.did,
      collection: COLLECTION,
      rkey,
      record: { $type: COLLECTION, text, createdAt: new Date(post.releasedAt).toISOString() },
    });
    return { remoteId: written.uri, url: `https://bsky.app/profile/${session.handle}/post/${rkey}` };
  }

  async delete(remoteId: string): Promise<void> {
    const match = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(remoteId);
    if (!match) throw new DeliveryError(`not an AT URI: ${remoteId}`, false);
    const session = await this.session();
    await this.call('com.atproto.repo.deleteRecord', session.accessJwt, {
      repo: match[1],
      collection: match[2],
      rkey: match[3],
    });
  }

  private async session(): Promise<{ accessJwt: string; did: string; handle: string }> {
    return this.call('com.atproto.server.createSession', null, {
      identifier: this.settings.identifier,
      password: this.appPassword,
    });
  }

  private async call<T>(method: string, token: string | null, input: unknown): Promise<T> {
    const response = await outboundRequest(
      {
        method: 'POST',
        url: `${this.settings.service.replace(/\/+$/, '')}/xrpc/${method}`,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(input),
      },
      await this.policy(),
    );
    if (response.status < 200 || response.status > 299) {
      throw deliveryErrorFor(response.status, response.headers['retry-after'] ?? null, `Bluesky (${method})`);
    }
    try {
      return (response.text ? JSON.parse(response.text) : {}) as T;
    } catch {
      throw new DeliveryError(`Bluesky (${method}) answered something that is not JSON`, true);
    }
  }
}

/** A TID (13 characters of base32-sortable): microseconds of the release time and a clock id from the key. */
export function recordKey(releasedAt: number, idempotencyKey: string): string {
  const clockId = createHash('sha256').update(idempotencyKey).digest().readUInt16BE(0) & 1023;
  let value = ((BigInt(releasedAt) * 1000n) << 10n) | BigInt(clockId);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = TID_ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}
