import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderPostHtml } from './render.js';

const ctx = {
  host: 'roost.example',
  baseUrl: 'https://roost.example',
  people: new Map([
    ['alice', 'Alice'],
    ['bob', 'bob'],
  ]),
};

const ALLOWED_TAGS = new Set(['p', 'br', 'a', 'span']);
const ALLOWED_ATTRIBUTES = new Set(['href', 'rel', 'class', 'target']);

/** Checks HTML against the allow-list; returns the problems found. */
function disallowed(html: string): string[] {
  const problems: string[] = [];
  const withoutTags = html.replace(
    /<(\/?)([a-z]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/g,
    (_all, _slash, tag: string, attrs: string) => {
      if (!ALLOWED_TAGS.has(tag)) problems.push(`tag ${tag}`);
      for (const [, name, value] of attrs.matchAll(/([a-z-]+)="([^"]*)"/g)) {
        if (!ALLOWED_ATTRIBUTES.has(name!)) problems.push(`attribute ${name}`);
        if (name === 'href' && !/^https?:\/\//.test(value!)) problems.push(`href ${value}`);
      }
      return '';
    },
  );
  if (/[<>"']/.test(withoutTags)) problems.push(`raw markup characters in text: ${withoutTags}`);
  if (/&(?!(amp|lt|gt|quot|#39);)/.test(withoutTags)) problems.push('bare ampersand');
  return problems;
}

describe('renderPostHtml', () => {
  it('renders paragraphs and line breaks', () => {
    expect(renderPostHtml('one\ntwo\n\nthree\r\n\r\n\r\nfour', ctx)).toBe(
      '<p>one<br>two</p><p>three</p><p>four</p>',
    );
  });

  it('links mentions of existing people with their registered name, and leaves unknown ones as text', () => {
    expect(renderPostHtml('hi @alice and @nobody', ctx)).toBe(
      '<p>hi <span class="h-card"><a href="https://roost.example/@Alice" class="u-url mention">@<span>Alice</span></a></span> and @nobody</p>',
    );
  });

  it('links hashtags to the normalised tag and shows them as written', () => {
    expect(renderPostHtml('#Roost', ctx)).toBe(
      '<p><a href="https://roost.example/tags/roost" class="mention hashtag" rel="tag">#<span>Roost</span></a></p>',
    );
  });

  it('shortens long links like Mastodon', () => {
    expect(renderPostHtml('https://www.example.com/a/very/long/path/that/goes/on?q=1', ctx)).toBe(
      '<p><a href="https://www.example.com/a/very/long/path/that/goes/on?q=1" rel="nofollow noopener noreferrer" target="_blank">' +
        '<span class="invisible">https://www.</span><span class="ellipsis">example.com/a/very/long/path/t</span>' +
        '<span class="invisible">hat/goes/on?q=1</span></a></p>',
    );
    expect(renderPostHtml('http://a.io', ctx)).toContain(
      '<span class="invisible">http://</span><span class="">a.io</span>',
    );
  });

  it('escapes markup and attribute breakouts', () => {
    const html = renderPostHtml(
      '<script>alert(1)</script> "onmouseover=alert(1) \'x\' & https://a.io/"onclick=x',
      ctx,
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &quot;onmouseover=alert(1) &#39;x&#39; &amp;',
    );
    expect(html).toContain('href="https://a.io/"');
    expect(disallowed(html)).toEqual([]);
  });

  it('never produces a tag or attribute outside the allow-list, for any input', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '&',
      '#',
      '@',
      'alice',
      'bob',
      'x',
      ' ',
      '\n',
      'https://',
      'http://a.io',
      '/',
      '=',
      'javascript:',
      'onerror',
      '<a href="',
      '<img src=x>',
      '(',
      ')',
      '.',
      '日本',
      'é',
      '\u0000',
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
        (text) => {
          expect(disallowed(renderPostHtml(text, ctx))).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(disallowed(renderPostHtml(text, ctx))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
