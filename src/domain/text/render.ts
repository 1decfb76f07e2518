/**
 * Renders post text to safe HTML, once, when the post is written. Everything the author typed is
 * escaped; the only markup is ours: paragraphs, line breaks, and links for URLs, mentions of
 * existing people and hashtags, in the shapes Mastodon clients style.
 */
import { escapeHtml } from './escape.js';
import { tokenize, type TextContext, type Token } from './tokens.js';

export interface RenderContext extends TextContext {
  /** The server's public URL, without a trailing slash. */
  baseUrl: string;
  /** Mentionable people by lowercased username → username as registered. Others stay plain text. */
  people: ReadonlyMap<string, string>;
}

/** Mastodon shows at most this many characters of a link's address; the rest is hidden by CSS. */
const VISIBLE_LINK_LENGTH = 30;

export function renderPostHtml(text: string, context: RenderContext): string {
  const normalised = text.replace(/\r\n?/g, '\n').trim();
  if (!normalised) return '';
  return normalised
    .split(/\n[^\S\n]*\n\s*/)
    .map(
      (paragraph) =>
        `<p>${paragraph
          .split('\n')
          .map((line) => renderLine(line, context))
          .join('<br>')}</p>`,
    )
    .join('');
}

function renderLine(line: string, context: RenderContext): string {
  return tokenize(line, context)
    .map((token) => renderToken(token, context))
    .join('');
}

function renderToken(token: Token, context: RenderContext): string {
  switch (token.kind) {
    case 'text':
      return escapeHtml(token.text);
    case 'link':
      return renderLink(token.url);
    case 'mention': {
      const username = context.people.get(token.username.toLowerCase());
      if (username === undefined) return escapeHtml(token.raw);
      const href = `${context.baseUrl}/@${encodeURIComponent(username)}`;
      return `<span class="h-card"><a href="${escapeHtml(href)}" class="u-url mention">@<span>${escapeHtml(username)}</span></a></span>`;
    }
    case 'hashtag': {
      const href = `${context.baseUrl}/tags/${encodeURIComponent(token.name)}`;
      return `<a href="${escapeHtml(href)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(token.display)}</span></a>`;
    }
  }
}

/** Like Mastodon: the scheme and `www.` are hidden, and long addresses are cut with an ellipsis. */
function renderLink(url: string): string {
  const prefix = /^https?:\/\/(www\.)?/i.exec(url)![0];
  const rest = Array.from(url.slice(prefix.length));
  const shown = rest.slice(0, VISIBLE_LINK_LENGTH).join('');
  const hidden = rest.slice(VISIBLE_LINK_LENGTH).join('');
  const visibleClass = hidden ? 'ellipsis' : '';
  return (
    `<a href="${escapeHtml(url)}" rel="nofollow noopener noreferrer" target="_blank">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${visibleClass}">${escapeHtml(shown)}</span>` +
    `<span class="invisible">${escapeHtml(hidden)}</span></a>`
  );
}
