/**
 * The product's own rules, as the seed must reproduce them so the seeded database looks exactly
 * like one grown through the API: who a post is fanned out to (src/services/timelines), the feed
 * cap and fan-in threshold, the stored HTML (src/domain/text) and the search text (src/services/search).
 */
import { DEFAULT_FEED_SETTINGS } from '../src/services/timelines/feed-settings.js';
import { renderPostHtml } from '../src/domain/text/render.js';

export const FEED_CAP = DEFAULT_FEED_SETTINGS.feedCap;
/** Accounts with more followers than this are merged into feeds at read time (fan-in). */
export const FAN_IN_THRESHOLD = DEFAULT_FEED_SETTINGS.fanInThreshold;

export interface PostShape {
  author: number;
  visibility: 'organization' | 'followers' | 'mentioned';
  mentioned: ArrayLike<number>;
  followers: ArrayLike<number>;
  /** Whether the author is fan-in (their posts are not copied into followers' feeds). */
  authorIsFanIn: boolean;
}

/**
 * Mirrors Timelines.distribute: the author and everyone mentioned always; the followers unless the
 * post is for the mentioned only or the author is fan-in. (No tag follows are seeded.)
 */
export function feedRecipients(post: PostShape, into: Set<number>): void {
  into.add(post.author);
  for (let i = 0; i < post.mentioned.length; i++) into.add(post.mentioned[i]!);
  if (post.visibility !== 'mentioned' && !post.authorIsFanIn) {
    for (let i = 0; i < post.followers.length; i++) into.add(post.followers[i]!);
  }
}

/** Mirrors composeText: the HTML stored with a post, given the usernames it mentions. */
export function renderContent(text: string, baseUrl: string, mentionedUsernames: string[]): string {
  const people = new Map(mentionedUsernames.map((u) => [u.toLowerCase(), u]));
  return renderPostHtml(text, { host: new URL(baseUrl).host, baseUrl, people });
}

/** Mirrors SqliteStatusIndex.index: what the FTS5 row holds. */
export function searchText(text: string, spoilerText: string): string {
  return `${spoilerText}\n${text}`;
}
