/**
 * How long a post is, the way clients count it: user-perceived characters (graphemes), with every
 * link counted as 23 whatever its length (the instance advertises `characters_reserved_per_url`),
 * and the content warning counted too, as Mastodon does.
 */
import { AppError } from '../errors.js';
import { tokenize, type TextContext, type Token } from './tokens.js';

export const CHARACTERS_PER_URL = 23;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

export function postLength(text: string, spoilerText: string, context: TextContext): number {
  const counted = tokenize(text, context)
    .map((token) => (token.kind === 'link' ? 'x'.repeat(CHARACTERS_PER_URL) : tokenText(token)))
    .join('');
  return countGraphemes(spoilerText) + countGraphemes(counted);
}

function tokenText(token: Exclude<Token, { kind: 'link' }>): string {
  switch (token.kind) {
    case 'text':
      return token.text;
    case 'mention':
      return token.raw;
    case 'hashtag':
      return `#${token.display}`;
  }
}

/** Refuses an empty or too long post with a 422 naming the `status` field. */
export function checkPostText(
  text: string,
  spoilerText: string,
  maxLength: number,
  context: TextContext,
): void {
  if (text.trim() === '') {
    throw new AppError('unprocessable', "status: can't be blank", { field: 'status' });
  }
  const length = postLength(text, spoilerText, context);
  if (length > maxLength) {
    throw new AppError(
      'unprocessable',
      `status: is too long (${length} characters; the maximum is ${maxLength})`,
      {
        field: 'status',
        length,
        max: maxLength,
      },
    );
  }
}
