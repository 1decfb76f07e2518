/** Tag entities in Mastodon's shape: name, URL, the last week's use (numbers as strings, as Mastodon sends them) and whether the viewer follows it. */
import type { TagView } from '../../services/tags/tag-service.js';
import type { PresentContext } from './account.js';

export function tagUrl(baseUrl: string, name: string): string {
  return `${baseUrl}/tags/${encodeURIComponent(name)}`;
}

export function presentTag(tag: TagView, ctx: PresentContext) {
  const baseUrl = 'baseUrl' in ctx ? ctx.baseUrl : ctx.config.baseUrl;
  return {
    id: String(tag.id),
    name: tag.displayName,
    url: tagUrl(baseUrl, tag.name),
    history: tag.history.map((day) => ({
      day: String(Math.floor(day.day / 1000)),
      uses: String(day.uses),
      accounts: String(day.accounts),
    })),
    following: tag.following,
  };
}
