/**
 * The signed-webhook connector: POSTs a JSON event to the brand's URL, signed as Standard Webhooks
 * describes. `webhook-id` is the idempotency key, the same on every retry, so the receiver keeps
 * the first copy. The receiver may answer `{ "id", "url" }` to name what it created.
 */
import {
  deliveryErrorFor,
  DeliveryError,
  type Connector,
  type OutboundPost,
  type PublishedRemote,
} from './connector.js';
import { outboundRequest, type AddressPolicy } from './outbound-http.js';
import { sign, webhookKey } from './webhook-signature.js';
import type { WebhookPayload } from './webhook-verify.js';

export interface WebhookSettings {
  url: string;
}

export class WebhookConnector implements Connector {
  readonly kind = 'webhook' as const;
  private readonly key: Buffer;

  constructor(
    private readonly settings: WebhookSettings,
    secret: string,
    private readonly policy: () => Promise<AddressPolicy>,
  ) {
    const key = webhookKey(secret);
    if (!key) throw new DeliveryError('the webhook secret is not a whsec_ secret', false);
    this.key = key;
  }

  async publish(post: OutboundPost, idempotencyKey: string): Promise<PublishedRemote> {
    const payload: WebhookPayload = {
      type: 'post.published',
      timestamp: new Date(post.releasedAt).toISOString(),
      data: {
        id: idempotencyKey,
        ...brandData(post),
        text: post.text,
        spoiler_text: post.spoilerText,
        url: post.internalUrl,
      },
    };
    const answer = await this.send(idempotencyKey, payload);
    const parsed = parseAnswer(answer);
    return { remoteId: parsed.id ?? idempotencyKey, url: parsed.url ?? null };
  }

  async delete(remoteId: string, idempotencyKey: string, post: OutboundPost): Promise<void> {
    await this.send(idempotencyKey, {
      type: 'post.deleted',
      timestamp: new Date().toISOString(),
      data: { id: idempotencyKey, ...brandData(post), remote_id: remoteId },
    });
  }

  private async send(id: string, payload: WebhookPayload): Promise<string> {
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await outboundRequest(
      {
        method: 'POST',
        url: this.settings.url,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Roost-Webhooks/1',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': sign(this.key, id, timestamp, body),
        },
        body,
      },
      await this.policy(),
    );
    if (response.status < 200 || response.status > 299) {
      throw deliveryErrorFor(
        response.status,
        response.headers['retry-after'] ?? null,
        'the webhook receiver',
      );
    }
    return response.text;
  }
}

function brandData(post: OutboundPost) {
  return {
    draft_id: String(post.draftId),
    revision_id: String(post.revisionId),
    brand: { id: String(post.brand.id), username: post.brand.username, display_name: post.brand.displayName },
  };
}

function parseAnswer(text: string): { id?: string; url?: string } {
  try {
    const value = JSON.parse(text) as { id?: unknown; url?: unknown };
    return {
      ...(typeof value.id === 'string' || typeof value.id === 'number' ? { id: String(value.id) } : {}),
      ...(typeof value.url === 'string' ? { url: value.url } : {}),
    };
  } catch {
    return {};
  }
}
