import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractEntities, tokenize } from './tokens.js';
import { normaliseTagName } from './hashtags.js';

const ctx = { host: 'roost.example:8080' };

describe('tokenize', () => {
  it('finds mentions, hashtags and links in running text', () => {
    expect(tokenize('hi @alice, see #Roost at https://example.com/a.', ctx)).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', username: 'alice', raw: '@alice' },
      { kind: 'text', text: ', see ' },
      { kind: 'hashtag', name: 'roost', display: 'Roost' },
      { kind: 'text', text: ' at ' },
      { kind: 'link', url: 'https://example.com/a' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('accepts mentions qualified with our own host, with or without the port, and not other hosts', () => {
    expect(extractEntities('@a@roost.example:8080 @b@ROOST.example @c@elsewhere.org', ctx).mentions).toEqual([
      'a',
      'b',
    ]);
  });

  it('does not take emails, over-long names or word-internal @ for mentions', () => {
    expect(extractEntities('mail bob@example.com or x@y', ctx).mentions).toEqual([]);
    expect(extractEntities('@' + 'a'.repeat(31), ctx).mentions).toEqual([]);
    expect(extractEntities('@bob_1 and @Bob_1', ctx).mentions).toEqual(['bob_1']);
  });

  it('takes hashtags of Unicode letters, digits and underscores, not all digits, not inside words or URLs', () => {
    const { hashtags } = extractEntities(
      '#café #日本語 #tag_2 #123 a#b https://x.org/#frag (#paren) #ＲＯＯＳＴ #roost',
      ctx,
    );
    expect(hashtags).toEqual([
      { name: 'café', display: 'café' },
      { name: '日本語', display: '日本語' },
      { name: 'tag_2', display: 'tag_2' },
      { name: 'paren', display: 'paren' },
      { name: 'roost', display: 'ＲＯＯＳＴ' },
    ]);
  });

  it('keeps trailing punctuation and unbalanced brackets out of links', () => {
    expect(
      extractEntities('(see https://en.wikipedia.org/wiki/Foo_(bar)) and https://a.io/x?y=1!', ctx).links,
    ).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://a.io/x?y=1']);
    expect(extractEntities('javascript:alert(1) ftp://x.org xhttps://x.org https://', ctx).links).toEqual([]);
  });

  it('loses and invents nothing: the tokens spell the input again', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            'a',
            'Z',
            '1',
            '_',
            '#',
            '@',
            ' ',
            '.',
            '/',
            ':',
            'h',
            't',
            'p',
            's',
            'é',
            '(',
            ')',
            '\n',
          ),
        }),
        (text) => {
          const spelled = tokenize(text, ctx)
            .map((t) =>
              t.kind === 'text'
                ? t.text
                : t.kind === 'link'
                  ? t.url
                  : t.kind === 'mention'
                    ? t.raw
                    : `#${t.display}`,
            )
            .join('');
          expect(spelled).toBe(text);
        },
      ),
    );
  });
});

describe('normaliseTagName', () => {
  it('lowercases, folds compatibility forms, and refuses non-tags', () => {
    expect(normaliseTagName('Roost')).toBe('roost');
    expect(normaliseTagName('ＲＯＯＳＴ')).toBe('roost');
    expect(normaliseTagName('１２')).toBeNull();
    expect(normaliseTagName('a-b')).toBeNull();
    expect(normaliseTagName('')).toBeNull();
  });
});
