/**
 * The verifier for receivers of Roost's signed webhooks (documented in docs/connectors.md): checks
 * the Standard Webhooks signature over the raw body, refuses messages whose timestamp is more
 * than five minutes old (or ahead), and returns the parsed payload. Receivers should then
 * de-duplicate on `webhook-id`: Roost delivers at least once and keeps the id across retries.
 *
 *   import { verifyWebhook } from 'roost/src/services/connectors/webhook-verify.ts';
 *   const payload = verifyWebhook(process.env.ROOST_WEBHOOK_SECRET, request.headers, rawBody);
 */
import { timingSafeEqual } from 'node:crypto';
import { sign, webhookKey } from './webhook-signature.js';

export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export type WebhookVerificationCode =
  | 'invalid_secret'
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'expired'
  | 'invalid_signature'
  | 'invalid_body';

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  constructor(
    readonly code: WebhookVerificationCode,
    message: string,
  ) {
    super(message);
  }
}

export interface WebhookPayload {
  type: 'post.published' | 'post.deleted';
  timestamp: string;
  data: {
    id: string;
    draft_id: string;
    revision_id: string;
    brand: { id: string; username: string; display_name: string };
    text?: string;
    spoiler_text?: string;
    url?: string | null;
    remote_id?: string;
  };
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** Seconds since the epoch; defaults to now. */
  now?: number;
  toleranceSeconds?: number;
}

/** Throws WebhookVerificationError unless `body` (the raw request body) was signed with `secret` recently. */
export function verifyWebhook(
  secret: string,
  headers: HeaderBag,
  body: string,
  options: VerifyOptions = {},
): WebhookPayload {
  const key = webhookKey(secret);
  if (!key)
    throw new WebhookVerificationError('invalid_secret', 'the secret must be whsec_ followed by base64');
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError(
      'missing_headers',
      'webhook-id, webhook-timestamp and webhook-signature are required',
    );
  }
  if (!/^\d{1,12}$/.test(timestamp))
    throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp must be whole seconds');
  const seconds = Number(timestamp);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (now - seconds > tolerance)
    throw new WebhookVerificationError('expired', 'the message is too old (a replay?)');
  if (seconds - now > tolerance)
    throw new WebhookVerificationError('invalid_timestamp', 'the message is from the future');
  const expected = Buffer.from(sign(key, id, seconds, body));
  // The header may carry several space-separated signatures (during secret rotation).
  const ok = signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new WebhookVerificationError('invalid_signature', 'no signature matches');
  try {
    return JSON.parse(body) as WebhookPayload;
  } catch {
    throw new WebhookVerificationError('invalid_body', 'the body is not JSON');
  }
}

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
