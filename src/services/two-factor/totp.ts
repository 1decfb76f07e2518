/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps,
 * 6 digits, accepting one step either side for clock drift. Verification returns the step that
 * matched so the caller can refuse the same code twice.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';

export const STEP_SECONDS = 30;
export const DIGITS = 6;

export function timeStep(now: number = Date.now()): number {
  return Math.floor(now / 1000 / STEP_SECONDS);
}

/** RFC 4226: the dynamically truncated HMAC of the counter, as `digits` decimal digits. */
export function hotp(key: Buffer, counter: number, digits = DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totp(secretBase32: string, now: number = Date.now()): string {
  return hotp(base32Decode(secretBase32), timeStep(now));
}

/** The matching time step within ±`window` steps of now, or null. */
export function verifyTotp(
  secretBase32: string,
  code: string,
  now: number = Date.now(),
  window = 1,
): number | null {
  const given = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return null;
  const key = base32Decode(secretBase32);
  const current = timeStep(now);
  let matched: number | null = null;
  // Every candidate is computed and compared in constant time, so timing does not say which one matched.
  for (let step = current - window; step <= current + window; step++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(given)) && matched === null) matched = step;
  }
  return matched;
}

/** A new 160-bit secret, the size RFC 4226 recommends for HMAC-SHA1. */
export function newTotpSecret(random: (size: number) => Buffer): string {
  return base32Encode(random(20));
}

/** The otpauth:// URI authenticator apps read from a QR code. */
export function otpauthUri(secretBase32: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(DIGITS),
    period: String(STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
