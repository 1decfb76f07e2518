/**
 * What a screening result means for a post being written: a block refuses it, a warning needs
 * the author's confirmation, a review holds it for a moderator, an allow lets it through.
 */
import { AppError } from '../../domain/errors.js';
import type { ModerationState } from '../../db/schema.js';
import { decisiveFinding, type PostScreening } from '../screening/post-screening.js';

/** Throws the 422 the author sees, or returns the state the post is stored in. */
export function admitPost(
  result: PostScreening,
  confirmWarnings: boolean,
): Extract<ModerationState, 'visible' | 'held'> {
  const details = { action: result.action, findings: result.findings };
  const first = decisiveFinding(result)?.message ?? 'screening found a problem';
  switch (result.action) {
    case 'block':
      throw new AppError('screening_blocked', `This post can't be published: ${first}`, details);
    case 'warn':
      if (!confirmWarnings) {
        throw new AppError(
          'screening_warning',
          `Please check this post before publishing: ${first}`,
          details,
        );
      }
      return 'visible';
    case 'review':
      return 'held';
    case 'allow':
      return 'visible';
  }
}
