/** Instance, tags, search and notification markers. */
import { api, withQuery } from './client.js';
import type { Instance, SearchResults, Tag } from './types.js';

export function getInstance(): Promise<Instance> {
  return api<Instance>('/api/v2/instance');
}

export function getTag(name: string): Promise<Tag> {
  return api<Tag>(`/api/v1/tags/${encodeURIComponent(name)}`);
}

export function setTagFollowed(name: string, follow: boolean): Promise<Tag> {
  return api<Tag>(`/api/v1/tags/${encodeURIComponent(name)}/${follow ? 'follow' : 'unfollow'}`, { method: 'POST' });
}

export function followedTags(): Promise<Tag[]> {
  return api<Tag[]>('/api/v1/followed_tags');
}

export function search(q: string, limit = 20): Promise<SearchResults> {
  return api<SearchResults>(withQuery('/api/v2/search', { q, limit, resolve: false }));
}

export function unreadNotificationCount(): Promise<{ count: number }> {
  return api<{ count: number }>('/api/v1/notifications/unread_count');
}

export function markNotificationsRead(lastReadId: string): Promise<unknown> {
  return api('/api/v1/markers', { method: 'POST', body: { notifications: { last_read_id: lastReadId } } });
}
