import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { formActionSource, OOB_REDIRECT_URI, parseRedirectUris, withQuery } from './redirect-uris.js';

describe('redirect URIs', () => {
  it('accepts a string, newline-separated strings or an array, keeping order without repeats', () => {
    expect(parseRedirectUris('https://app.example/cb')).toEqual(['https://app.example/cb']);
    expect(parseRedirectUris('https://app.example/a\nmyapp://cb\r\nhttps://app.example/a')).toEqual([
      'https://app.example/a',
      'myapp://cb',
    ]);
    expect(parseRedirectUris([OOB_REDIRECT_URI, 'http://127.0.0.1:8000/cb'])).toEqual([
      OOB_REDIRECT_URI,
      'http://127.0.0.1:8000/cb',
    ]);
  });

  it('refuses relative URIs, fragments, script schemes and empty lists, naming the field', () => {
    for (const bad of [
      '/callback',
      'https://app.example/cb#x',
      'javascript:alert(1)',
      'data:text/html,hi',
      '',
      'not a uri',
    ]) {
      try {
        parseRedirectUris(bad);
        expect.unreachable(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toBe('redirect_uris');
      }
    }
  });

  it('adds parameters to an existing query', () => {
    expect(withQuery('https://app.example/cb?x=1', { code: 'a b', state: null })).toBe(
      'https://app.example/cb?x=1&code=a+b',
    );
    expect(withQuery('myapp://cb', { code: 'c' })).toBe('myapp://cb?code=c');
  });

  it('names the origin or scheme the consent form may redirect to', () => {
    expect(formActionSource('https://app.example:8443/cb?x')).toBe('https://app.example:8443');
    expect(formActionSource('myapp://cb')).toBe('myapp:');
    expect(formActionSource(OOB_REDIRECT_URI)).toBeNull();
  });
});
