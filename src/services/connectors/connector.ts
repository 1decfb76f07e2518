/**
 * The one interface every external destination implements. Publishing carries a stable
 * idempotency key per (draft revision, destination): a retry after a timeout or a crash sends the
 * same key, and the destination (or its receiver) keeps the first.
 */

export type ConnectorKind = 'webhook' | 'mastodon' | 'bluesky';

export interface OutboundPost {
  draftId: number;
  revisionId: number;
  text: string;
  spoilerText: string;
  brand: { id: number; username: string; displayName: string };
  /** The brand's internal post, when it exists. */
  internalUrl: string | null;
  /** When the post was released (the same on every retry). */
  releasedAt: number;
}

export interface PublishedRemote {
  remoteId: string;
  url: string | null;
}

export interface Connector {
  readonly kind: ConnectorKind;
  publish(post: OutboundPost, idempotencyKey: string): Promise<PublishedRemote>;
  /** Deletes what `publish` created; `post` is the same post, for destinations that describe deletions. */
  delete(remoteId: string, idempotencyKey: string, post: OutboundPost): Promise<void>;
}

/**
 * A failed delivery. Retryable: timeouts, connection errors, 5xx, 408 and 429 (with the
 * destination's Retry-After when it gave one). Anything else will fail again the same way.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** Classifies an HTTP answer that is not a success. */
export function deliveryErrorFor(status: number, retryAfter: string | null, what: string): DeliveryError {
  const retryable = status >= 500 || status === 429 || status === 408;
  return new DeliveryError(
    `${what} answered ${status}`,
    retryable,
    retryable ? parseRetryAfter(retryAfter) : null,
    status,
  );
}

/** Retry-After as seconds or an HTTP date; capped at a day. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  let ms: number | null = null;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) ms = Math.max(0, date - now);
  }
  return ms === null ? null : Math.min(ms, 24 * 3600 * 1000);
}
