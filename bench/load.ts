/**
 * One measurement: autocannon drives a server with N connections for a fixed time; latencies of
 * successful responses are recorded at full (sub-millisecond) precision rather than autocannon's
 * whole-millisecond histogram, and summarised as percentiles.
 */
import autocannon, { type Request } from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  requests: Request[];
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  latencyMs: Percentiles;
  meanResponseBytes: number;
}

export function percentiles(values: number[]): Percentiles {
  if (values.length === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let bytes = 0;
  let ok = 0;
  const started = performance.now();
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 30,
    requests: spec.requests,
  });
  instance.on('response', (_client: unknown, statusCode: number, resBytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      ok += 1;
      bytes += resBytes;
      latencies.push(responseTime);
    }
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: ok / seconds,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds,
    latencyMs: percentiles(latencies),
    meanResponseBytes: ok > 0 ? bytes / ok : 0,
  };
}

/** A request sequence that sends each request with the next bearer token in turn (per connection, offset by a shared counter). */
export function rotatingGet(paths: string[], tokens: string[]): Request[] {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (request) => {
        const i = next++;
        return {
          ...request,
          method: 'GET',
          path: paths[i % paths.length]!,
          headers: { ...request.headers, authorization: `Bearer ${tokens[i % tokens.length]!}` },
        };
      },
    },
  ];
}
