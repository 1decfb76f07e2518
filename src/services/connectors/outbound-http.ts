/**
 * HTTP requests to external destinations, refusing private and loopback addresses unless an
 * administrator allow-listed the destination. The check runs inside the connection's own DNS
 * lookup, on every address the name resolves to, so a name cannot pass the check with one address
 * and connect to another (DNS rebinding). IP literals are checked before connecting.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './address-rules.js';
import { DeliveryError } from './connector.js';

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** The administrators' exceptions: allow-listed host names, addresses and CIDR ranges. */
export interface AddressPolicy {
  allows(hostname: string, address: string): boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

export class BlockedDestinationError extends DeliveryError {
  override name = 'BlockedDestinationError';
  constructor(hostname: string, address: string) {
    super(
      `${hostname} resolves to ${address}, a private or loopback address; an administrator must allow-list it first`,
      false,
    );
  }
}

export function permitted(policy: AddressPolicy, hostname: string, address: string): boolean {
  return isPublicAddress(address) || policy.allows(hostname.toLowerCase(), address);
}

export async function outboundRequest(
  request: OutboundRequest,
  policy: AddressPolicy,
): Promise<OutboundResponse> {
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DeliveryError(`unsupported scheme ${url.protocol}`, false);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname) && !permitted(policy, hostname, hostname))
    throw new BlockedDestinationError(hostname, hostname);

  const guardedLookup: LookupFunction = (name, options, callback) => {
    dnsLookup(name, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const refused = addresses.find((a) => !permitted(policy, name, a.address));
      if (refused) return callback(new BlockedDestinationError(name, refused.address), '', 4);
      if (addresses.length === 0) return callback(new Error(`${name} has no addresses`), '', 4);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

  const transport = url.protocol === 'https:' ? https : http;
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  return new Promise<OutboundResponse>((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: request.method,
        headers: { ...(request.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
        lookup: guardedLookup,
        timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (error) => reject(asDeliveryError(error)));
      },
    );
    req.on('timeout', () =>
      req.destroy(
        new DeliveryError(
          `no answer from ${url.host} within ${request.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
          true,
        ),
      ),
    );
    req.on('error', (error) => reject(asDeliveryError(error)));
    req.end(body);
  });
}

/** Network failures are worth retrying; a refused destination is not. */
function asDeliveryError(error: Error): DeliveryError {
  if (error instanceof DeliveryError) return error;
  return new DeliveryError(error.message, true);
}
