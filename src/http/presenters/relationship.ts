/** Relationship entities in Mastodon's shape; Roost has no follow requests or domain blocks. */
import type { Relationship } from '../../services/follows/follow-service.js';

export function presentRelationship(relationship: Relationship) {
  return {
    id: String(relationship.id),
    following: relationship.following,
    showing_reblogs: true,
    notifying: false,
    languages: null,
    followed_by: relationship.followedBy,
    blocking: relationship.blocking ?? false,
    blocked_by: relationship.blockedBy ?? false,
    muting: relationship.muting ?? false,
    muting_notifications: relationship.mutingNotifications ?? false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  };
}
