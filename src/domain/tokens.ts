/** Random secrets handed to people (session cookies, bearer tokens, one-time links) and their stored hashes. */
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Only the hash of a secret is stored, so a leaked database does not leak working credentials. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
