/**
 * Configuration: the only module that reads the environment. It validates every variable once and
 * applies defaults; a bad value throws a ConfigError naming the variable, which stops start-up.
 */
import path from 'node:path';

export interface Config {
  dataDir: string;
  /** `sqlite:<path>` resolved to an absolute file path, or a postgres:// URL. */
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };
  host: string;
  port: number;
  baseUrl: string;
  maxPostLength: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** The roles this process plays: serve HTTP, run jobs, serve streams. */
  roles: { web: boolean; worker: boolean; stream: boolean };
  redisUrl: string | null;
  /** Body size limit for JSON and form requests, in bytes. */
  bodyLimit: number;
  /** Largest accepted upload (avatars, media), in bytes. */
  uploadLimit: number;
  /** Whether session cookies carry `Secure`; defaults to true when the base URL is https. */
  secureCookies: boolean;
  /** smtp://[user:password@]host[:port] for brand workflow emails; null sends none. */
  smtpUrl: string | null;
  /** The From address of those emails. */
  mailFrom: string;
  /** Multiplies every API rate limit (1: Mastodon's numbers; tests raise it). */
  rateLimitScale: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'invalid_config';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.ROOST_DATA_DIR || 'data');
  const port = integer(env, 'ROOST_PORT', 3000, 0, 65535);
  const host = env.ROOST_HOST || '0.0.0.0';
  const baseUrl = url(env, 'ROOST_BASE_URL', `http://localhost:${port}`);
  const logLevel = oneOf(env, 'ROOST_LOG_LEVEL', LOG_LEVELS, 'info');
  return {
    dataDir,
    database: database(env.ROOST_DATABASE_URL, dataDir, cwd),
    host,
    port,
    baseUrl,
    maxPostLength: integer(env, 'ROOST_MAX_POST_LENGTH', 500, 1, 100_000),
    logLevel,
    roles: roles(env.ROOST_ROLES),
    redisUrl: env.ROOST_REDIS_URL ? url(env, 'ROOST_REDIS_URL', '') : null,
    bodyLimit: integer(env, 'ROOST_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    uploadLimit: integer(env, 'ROOST_UPLOAD_LIMIT', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    secureCookies: boolean(env, 'ROOST_SECURE_COOKIES', baseUrl.startsWith('https:')),
    smtpUrl: smtpUrl(env.ROOST_SMTP_URL),
    mailFrom: env.ROOST_MAIL_FROM || `Roost <roost@${new URL(baseUrl).hostname}>`,
    rateLimitScale: positiveNumber(env, 'ROOST_RATE_LIMIT_SCALE', 1, 0.001, 1_000_000),
  };
}

function database(value: string | undefined, dataDir: string, cwd: string): Config['database'] {
  if (!value) return { dialect: 'sqlite', file: path.join(dataDir, 'roost.sqlite') };
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('ROOST_DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { dialect: 'postgres', url: value };
  }
  const file = value.replace(/^(sqlite|file):(\/\/)?/, '');
  if (!file) throw new ConfigError('ROOST_DATABASE_URL', 'must be a SQLite file path or a postgres:// URL');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
    throw new ConfigError('ROOST_DATABASE_URL', `unsupported scheme in "${value}" (use a file path or postgres://)`);
  }
  return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function positiveNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw.trim())) throw new ConfigError(name, `must be a number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function url(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute URL, got "${raw}"`);
  }
  if (name === 'ROOST_BASE_URL' && !['http:', 'https:'].includes(parsed.protocol)) {
    throw new ConfigError(name, 'must use http or https');
  }
  return raw.replace(/\/+$/, '');
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function roles(raw: string | undefined): Config['roles'] {
  if (!raw) return { web: true, worker: true, stream: true };
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!['web', 'worker', 'stream'].includes(name)) {
      throw new ConfigError('ROOST_ROLES', `unknown role "${name}" (use web, worker, stream)`);
    }
  }
  if (names.length === 0) throw new ConfigError('ROOST_ROLES', 'names no role');
  return { web: names.includes('web'), worker: names.includes('worker'), stream: names.includes('stream') };
}

function smtpUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('ROOST_SMTP_URL', `must be an smtp:// URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'smtp:' || !parsed.hostname) throw new ConfigError('ROOST_SMTP_URL', 'must look like smtp://host:port');
  return raw;
}
