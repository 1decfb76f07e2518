/**
 * The Mastodon-API connector: posts through `POST /api/v1/statuses` on any server speaking
 * Mastodon's client API (Mastodon, GoToSocial, another Roost), with the account's bearer token
 * and the `Idempotency-Key` header Mastodon honours for an hour; deletes with
 * `DELETE /api/v1/statuses/:id` (already gone counts as deleted).
 */
import {
  deliveryErrorFor,
  DeliveryError,
  type Connector,
  type OutboundPost,
  type PublishedRemote,
} from './connector.js';
import { outboundRequest, type AddressPolicy } from './outbound-http.js';

export interface MastodonSettings {
  /** The server's base URL, e.g. https://mastodon.example. */
  baseUrl: string;
  visibility?: 'public' | 'unlisted';
}

export class MastodonConnector implements Connector {
  readonly kind = 'mastodon' as const;

  constructor(
    private readonly settings: MastodonSettings,
    private readonly token: string,
    private readonly policy: () => Promise<AddressPolicy>,
  ) {}

  async publish(post: OutboundPost, idempotencyKey: string): Promise<PublishedRemote> {
    const response = await outboundRequest(
      {
        method: 'POST',
        url: `${this.base()}/api/v1/statuses`,
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          'user-agent': 'Roost/1',
        },
        body: JSON.stringify({
          status: post.text,
          ...(post.spoilerText ? { spoiler_text: post.spoilerText } : {}),
          visibility: this.settings.visibility ?? 'public',
        }),
      },
      await this.policy(),
    );
    if (response.status < 200 || response.status > 299) {
      throw deliveryErrorFor(response.status, response.headers['retry-after'] ?? null, 'the Mastodon server');
    }
    let status: { id?: unknown; url?: unknown };
    try {
      status = JSON.parse(response.text) as { id?: unknown; url?: unknown };
    } catch {
      throw new DeliveryError('the Mastodon server answered without a status', true);
    }
    if (typeof status.id !== 'string')
      throw new DeliveryError('the Mastodon server answered without a status id', true);
    return { remoteId: status.id, url: typeof status.url === 'string' ? status.url : null };
  }

  async delete(remoteId: string): Promise<void> {
    const response = await outboundRequest(
      {
        method: 'DELETE',
        url: `${this.base()}/api/v1/statuses/${encodeURIComponent(remoteId)}`,
        headers: { authorization: `Bearer ${this.token}`, 'user-agent': 'Roost/1' },
      },
      await this.policy(),
    );
    if (response.status === 404 || (response.status >= 200 && response.status <= 299)) return;
    throw deliveryErrorFor(response.status, response.headers['retry-after'] ?? null, 'the Mastodon server');
  }

  private base(): string {
    return this.settings.baseUrl.replace(/\/+$/, '');
  }
}
