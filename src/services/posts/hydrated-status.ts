/** A post with everything presenting it needs, for one viewer. */
import type { Status } from '../../db/schema.js';
import type { HydratedAccount } from '../accounts/hydrated-account.js';
import type { MediaAttachment } from '../media/media-service.js';
import type { StatusModeration } from './moderation-records.js';

export interface HydratedStatus extends Status {
  account: HydratedAccount;
  mentions: HydratedAccount[];
  tags: { name: string; display_name: string }[];
  /** The post this one reshares, when it is a reshare. */
  reblog: HydratedStatus | null;
  /** The viewer's own relation to the post (all false for anonymous viewers). */
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  /** Set for a held or removed post, for its author and for moderators; null otherwise. */
  moderation: StatusModeration | null;
  /** The post's attachments, in the author's order. */
  media_attachments: MediaAttachment[];
}
