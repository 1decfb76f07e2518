/**
 * Announcement entities in Mastodon's shape, as explicit allow-lists; administrators also see the
 * source text and whether it is published.
 */
import type { AnnouncementView } from '../../services/announcements/announcement-service.js';
import type { PresentContext } from './account.js';
import { tagUrl } from './tag.js';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function baseUrlOf(ctx: PresentContext): string {
  return 'baseUrl' in ctx ? ctx.baseUrl : ctx.config.baseUrl;
}

export function presentAnnouncement(announcement: AnnouncementView, ctx: PresentContext) {
  const baseUrl = baseUrlOf(ctx);
  return {
    id: String(announcement.id),
    content: announcement.content_html,
    starts_at: iso(announcement.starts_at),
    ends_at: iso(announcement.ends_at),
    all_day: announcement.all_day === 1,
    published_at: iso(announcement.published_at ?? announcement.created_at)!,
    updated_at: iso(announcement.updated_at)!,
    read: announcement.read,
    mentions: announcement.mentions.map((m) => ({
      id: String(m.id),
      username: m.username,
      url: `${baseUrl}/@${m.username}`,
      acct: m.username,
    })),
    statuses: [],
    tags: announcement.tags.map((t) => ({ name: t.display, url: tagUrl(baseUrl, t.name) })),
    emojis: [],
    reactions: announcement.reactions.map((r) => ({ name: r.name, count: r.count, me: r.me })),
  };
}

export function presentAdminAnnouncement(announcement: AnnouncementView, ctx: PresentContext) {
  return {
    ...presentAnnouncement(announcement, ctx),
    published_at: iso(announcement.published_at),
    published: announcement.published_at !== null,
    text: announcement.text,
  };
}
