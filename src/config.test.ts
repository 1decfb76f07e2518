import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on port 3000', () => {
    const config = loadConfig({}, '/srv/roost');
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/srv/roost/data/roost.sqlite' });
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
  });

  it('accepts a postgres URL and https base URL', () => {
    const config = loadConfig({ ROOST_DATABASE_URL: 'postgres://u@db/roost', ROOST_BASE_URL: 'https://roost.example.com/' });
    expect(config.database).toEqual({ dialect: 'postgres', url: 'postgres://u@db/roost' });
    expect(config.baseUrl).toBe('https://roost.example.com');
    expect(config.secureCookies).toBe(true);
  });

  it.each([
    ['ROOST_PORT', 'eighty'],
    ['ROOST_PORT', '70000'],
    ['ROOST_BASE_URL', 'not a url'],
    ['ROOST_BASE_URL', 'ftp://example.com'],
    ['ROOST_DATABASE_URL', 'mysql://localhost/db'],
    ['ROOST_LOG_LEVEL', 'loud'],
    ['ROOST_ROLES', 'web,cook'],
    ['ROOST_MAX_POST_LENGTH', '0'],
    ['ROOST_SECURE_COOKIES', 'maybe'],
  ])('stops on a bad %s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrowError(new RegExp(`^${name}: `));
  });
});
