/**
 * Redirect URIs as Mastodon accepts them: absolute URIs without a fragment (https, http, or an app's
 * own scheme such as `myapp://callback`), or `urn:ietf:wg:oauth:2.0:oob` to show the code instead.
 * Requests must name a registered URI exactly.
 */
import { ValidationError } from '../../domain/errors.js';

export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

const MAX_URIS = 20;
const MAX_LENGTH = 2000;
/** Schemes that would run or embed content instead of returning to an app. */
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:']);

/** Accepts a string (possibly newline-separated) or an array of them; returns the distinct URIs in order. */
export function parseRedirectUris(input: string | string[]): string[] {
  const values = (Array.isArray(input) ? input : [input]).flatMap((value) => value.split(/\r?\n/));
  const uris = [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  if (uris.length === 0) throw new ValidationError('redirect_uris', 'must name at least one URI');
  if (uris.length > MAX_URIS)
    throw new ValidationError('redirect_uris', `must name at most ${MAX_URIS} URIs`);
  for (const uri of uris) checkRedirectUri(uri);
  return uris;
}

function checkRedirectUri(uri: string): void {
  if (uri === OOB_REDIRECT_URI) return;
  if (uri.length > MAX_LENGTH)
    throw new ValidationError('redirect_uris', `must be at most ${MAX_LENGTH} characters each`);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ValidationError('redirect_uris', `"${uri}" must be an absolute URI`);
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol))
    throw new ValidationError('redirect_uris', `the ${url.protocol} scheme is not allowed`);
  if (uri.includes('#')) throw new ValidationError('redirect_uris', `"${uri}" must not contain a fragment`);
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) {
    throw new ValidationError('redirect_uris', `"${uri}" must name a host`);
  }
}

/** The redirect URI with `params` added to its query (an existing query is kept). */
export function withQuery(uri: string, params: Record<string, string | null | undefined>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) url.searchParams.append(key, value);
  }
  return url.toString();
}

/** The CSP `form-action` source that lets the consent form's redirect reach `uri`. */
export function formActionSource(uri: string): string | null {
  if (uri === OOB_REDIRECT_URI) return null;
  const url = new URL(uri);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
}
