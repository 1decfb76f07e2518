/** Who is reading posts: enough of a Viewer to apply the visibility rule and moderation rights. */
import type { Viewer } from '../auth/viewer.js';

export type PostViewer = Pick<Viewer, 'accountId' | 'role'>;

export function isModerator(viewer: PostViewer): boolean {
  return viewer.role === 'admin' || viewer.role === 'moderator';
}
