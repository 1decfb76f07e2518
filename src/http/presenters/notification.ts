/**
 * Notification entities in Mastodon's shape. Roost's `reply` is a Mastodon `mention` (Mastodon
 * has no reply type); `roost.type` keeps the finer kind for Roost's own web app.
 */
import type { Notification, NotificationType } from '../../db/schema.js';

export type MastodonNotificationType =
  | 'mention'
  | 'status'
  | 'reblog'
  | 'follow'
  | 'favourite'
  | 'update'
  | 'moderation_warning'
  // Roost's brand workflow has no Mastodon kind; Mastodon clients skip types they do not know.
  | 'brand_review'
  | 'brand_update';

export function mastodonNotificationType(type: NotificationType): MastodonNotificationType {
  if (type === 'reply') return 'mention';
  // A moderator released or removed the viewer's held post: the nearest Mastodon kind.
  if (type === 'moderation') return 'moderation_warning';
  return type;
}

/** The stored types a Mastodon type filter means. */
export function storedNotificationTypes(types: string[]): NotificationType[] {
  const stored = new Set<NotificationType>();
  for (const type of types) {
    switch (type) {
      case 'mention':
        stored.add('mention').add('reply');
        break;
      case 'reply':
      case 'status':
      case 'reblog':
      case 'follow':
      case 'favourite':
      case 'update':
      case 'brand_review':
      case 'brand_update':
        stored.add(type);
        break;
      case 'moderation':
      case 'moderation_warning':
        stored.add('moderation');
        break;
      default:
      // Types Roost never produces (poll, follow_request, admin.*) match nothing.
    }
  }
  return [...stored];
}

/** `account` and `status` are already presented; a notification without a post has no `status` key, as in Mastodon. */
export function presentNotification<A, S>(notification: Notification, account: A, status: S | null) {
  return {
    id: String(notification.id),
    type: mastodonNotificationType(notification.type),
    group_key: `ungrouped-${notification.id}`,
    created_at: new Date(notification.created_at).toISOString(),
    account,
    ...(status === null ? {} : { status }),
    roost: { type: notification.type },
  };
}
