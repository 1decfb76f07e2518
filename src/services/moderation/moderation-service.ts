/**
 * Moderation of posts held by screening: the queue of held posts and the release and removal
 * decisions, open to moderators and admins only. A decision changes the post, records who took
 * it and why, and tells the author — all in one transaction.
 */
import type { Database } from '../../db/database.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { PageRequest } from '../../domain/pagination.js';
import type { Viewer } from '../auth/viewer.js';
import type { Notifications } from '../notifications/notification-service.js';
import type { HydratedStatus, Posts } from '../posts/post-service.js';
import { isModerator } from '../posts/post-viewer.js';

export type ModerationViewer = Pick<Viewer, 'userId' | 'accountId' | 'role'>;

export class Moderation {
  constructor(
    private readonly database: Database,
    private readonly posts: Posts,
    private readonly notifications: Notifications,
  ) {}

  /** 403 for anyone who is not a moderator or admin: the queue itself is not secret, its contents are. */
  assertModerator(viewer: ModerationViewer): void {
    if (!isModerator(viewer))
      throw new ForbiddenError('Only moderators and administrators may moderate posts');
  }

  /** Held posts, oldest first, with their findings. */
  async queue(viewer: ModerationViewer, page: PageRequest): Promise<HydratedStatus[]> {
    this.assertModerator(viewer);
    return this.posts.hydrateForModeration(viewer, await this.posts.heldIds(page));
  }

  async release(viewer: ModerationViewer, id: number, reason: string): Promise<HydratedStatus> {
    return this.decide(viewer, id, 'release', reason);
  }

  async remove(viewer: ModerationViewer, id: number, reason: string): Promise<HydratedStatus> {
    return this.decide(viewer, id, 'remove', reason);
  }

  private async decide(
    viewer: ModerationViewer,
    id: number,
    decision: 'release' | 'remove',
    reason: string,
  ): Promise<HydratedStatus> {
    this.assertModerator(viewer);
    const moderator = { userId: viewer.userId, accountId: viewer.accountId };
    await this.database.transaction(async (tx) => {
      const row =
        decision === 'release'
          ? await this.posts.release(tx, moderator, id, reason)
          : await this.posts.takeDown(tx, moderator, id, reason);
      await this.notifications.create(tx, {
        accountId: row.account_id,
        fromAccountId: viewer.accountId,
        type: 'moderation',
        statusId: id,
      });
    });
    const [status] = await this.posts.hydrateForModeration(viewer, [id]);
    if (!status) throw new NotFoundError('Status');
    return status;
  }
}
