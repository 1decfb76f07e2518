/** Relationship entities in Mastodon's shape; Roost has no blocks, mutes or follow requests yet. */
import type { Relationship } from '../../services/follows/follow-service.js';

export function presentRelationship(relationship: Relationship) {
  return {
    id: String(relationship.id),
    following: relationship.following,
    showing_reblogs: true,
    notifying: false,
    languages: null,
    followed_by: relationship.followedBy,
    blocking: false,
    blocked_by: false,
    muting: false,
    muting_notifications: false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  };
}
