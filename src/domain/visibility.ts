/**
 * Who may see a post. One pure rule that every read path (fetch, timelines, search,
 * notifications, streaming) applies, plus the mapping between Roost's audience names and
 * Mastodon's. Roost is an internal network: nobody signed out sees anything.
 */
export type Visibility = 'organization' | 'followers' | 'mentioned';

export const VISIBILITIES: readonly Visibility[] = ['organization', 'followers', 'mentioned'];

export type MastodonVisibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface VisibilityViewer {
  accountId: number;
}

/** Screening's hold on a post: `held` waits for a moderator, `removed` was taken down by one. */
export type ModerationState = 'visible' | 'held' | 'removed';

export interface VisiblePost {
  accountId: number;
  visibility: Visibility;
  mentionedAccountIds: readonly number[];
  /** Absent means visible. */
  moderationState?: ModerationState;
}

export function canView(
  viewer: VisibilityViewer | null,
  post: VisiblePost,
  viewerFollowsAuthor: boolean,
): boolean {
  if (viewer === null) return false;
  if (viewer.accountId === post.accountId) return true;
  // Held and removed posts are the author's alone; moderators see them through the queue.
  if (post.moderationState !== undefined && post.moderationState !== 'visible') return false;
  switch (post.visibility) {
    case 'organization':
      return true;
    case 'followers':
      return viewerFollowsAuthor || post.mentionedAccountIds.includes(viewer.accountId);
    case 'mentioned':
      return post.mentionedAccountIds.includes(viewer.accountId);
  }
}

/** Only posts the whole organization may see can be reshared: a reshare must not widen an audience. */
export function canReshare(post: { visibility: Visibility }): boolean {
  return post.visibility === 'organization';
}

/** How narrow an audience is: a higher rank is seen by fewer people. */
export function audienceRank(visibility: Visibility): number {
  return VISIBILITIES.indexOf(visibility);
}

/**
 * The audience of a new post: the author's choice when given; otherwise a reply keeps its
 * parent's audience (never wider by default), and a new thread is for the organization.
 */
export function defaultVisibility(requested: Visibility | null, parent: Visibility | null): Visibility {
  if (requested !== null) return requested;
  return parent ?? 'organization';
}

/** Requests accept Roost's names and Mastodon's; `unlisted` has no meaning inside one organization. */
export function parseVisibility(value: string): Visibility | null {
  switch (value) {
    case 'organization':
    case 'public':
    case 'unlisted':
      return 'organization';
    case 'followers':
    case 'private':
      return 'followers';
    case 'mentioned':
    case 'direct':
      return 'mentioned';
    default:
      return null;
  }
}

export function toMastodonVisibility(visibility: Visibility): MastodonVisibility {
  switch (visibility) {
    case 'organization':
      return 'public';
    case 'followers':
      return 'private';
    case 'mentioned':
      return 'direct';
  }
}
