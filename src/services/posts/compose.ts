/**
 * Turns what an author typed into what is stored: checks its length, finds the people it
 * mentions (only existing, unsuspended accounts), its hashtags, and renders the safe HTML.
 */
import type { Config } from '../../config.js';
import { NotFoundError } from '../../domain/errors.js';
import { checkPostText } from '../../domain/text/length.js';
import { renderPostHtml } from '../../domain/text/render.js';
import { extractEntities } from '../../domain/text/tokens.js';
import type { Accounts } from '../accounts/account-service.js';

export interface ComposedText {
  html: string;
  mentionedAccountIds: number[];
  hashtags: { name: string; display: string }[];
}

export async function composeText(
  accounts: Accounts,
  config: Pick<Config, 'baseUrl' | 'maxPostLength'>,
  text: string,
  spoilerText: string,
): Promise<ComposedText> {
  const host = new URL(config.baseUrl).host;
  checkPostText(text, spoilerText, config.maxPostLength, { host });
  const entities = extractEntities(text, { host });
  const found = await Promise.all(
    entities.mentions.map(async (username) => {
      try {
        return await accounts.lookup(null, username);
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    }),
  );
  const people = new Map<string, string>();
  const mentionedAccountIds: number[] = [];
  for (const account of found) {
    if (account === null) continue;
    people.set(account.username.toLowerCase(), account.username);
    mentionedAccountIds.push(account.id);
  }
  return {
    html: renderPostHtml(text, { host, baseUrl: config.baseUrl, people }),
    mentionedAccountIds,
    hashtags: entities.hashtags,
  };
}
