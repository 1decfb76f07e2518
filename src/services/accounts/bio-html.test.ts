import { describe, expect, it } from 'vitest';
import { renderBioHtml } from './bio-html.js';

describe('renderBioHtml', () => {
  it('escapes markup so a bio cannot inject HTML', () => {
    expect(renderBioHtml('<script>alert("x")</script> & co')).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>',
    );
  });

  it('turns single newlines into line breaks and blank lines into paragraphs', () => {
    expect(renderBioHtml('one\ntwo\r\n\r\nthree')).toBe('<p>one<br>two</p><p>three</p>');
  });

  it('renders an empty or blank bio as nothing', () => {
    expect(renderBioHtml('')).toBe('');
    expect(renderBioHtml(' \n ')).toBe('');
  });
});
