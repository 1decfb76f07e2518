/**
 * The typed fetch client: JSON in and out, the session cookie sent same-origin, API errors thrown
 * as ApiError carrying the server's `error` message, and Link headers turned into page cursors.
 */
import type { Page } from './types.js';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Could not reach the server. Check your connection and try again.', 'network');
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const json = JSON.parse(text) as { error?: unknown; code?: unknown; details?: unknown };
    if (typeof json.error === 'string') {
      return new ApiError(response.status, json.error, typeof json.code === 'string' ? json.code : null, json.details ?? null);
    }
  } catch {
    // Not JSON: fall through to a message built from the status.
  }
  return new ApiError(response.status, response.statusText || `Request failed (${response.status})`);
}

async function readJson<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return readJson<T>(await send(path, options));
}

/** GETs a paginated list and keeps the `rel="next"` cursor from the Link header. */
export async function apiPage<T>(path: string, signal?: AbortSignal): Promise<Page<T>> {
  const response = await send(path, { signal });
  const items = (await readJson<T[]>(response)) ?? [];
  const links = parseLinkHeader(response.headers.get('link'));
  return { items, next: items.length > 0 ? toLocalPath(links.next) : null };
}

/** Parses `<url>; rel="next", <url>; rel="prev"` into `{ next: url, prev: url }`. */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match) for (const rel of match[2]!.split(/\s+/)) links[rel] = match[1]!;
  }
  return links;
}

/** Keeps only path and query so that a Link pointing at another host name for us still works. */
function toLocalPath(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.pathname + parsed.search;
  } catch {
    return null;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return 'Something went wrong';
}

/** Builds `path?key=value&…`, skipping empty values and repeating array values as `key[]=`. */
export function withQuery(path: string, params: Record<string, string | number | boolean | string[] | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(`${key}[]`, item);
    else search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
