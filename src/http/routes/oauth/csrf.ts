/**
 * Cross-site request forgery protection for the OAuth forms. The consent form carries a token
 * derived from the session secret (an attacker without the cookie cannot compute it, and the hash
 * does not reveal the secret). The sign-in form, used before any session exists, carries a random
 * value that must equal a cookie set with the page (double submit).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGN_IN_CSRF_COOKIE = 'roost_oauth_csrf';

export function consentToken(sessionSecret: string): string {
  return createHash('sha256').update(`roost-oauth-consent\u0000${sessionSecret}`).digest('base64url');
}

export function newCsrfValue(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
