/**
 * On the author's own held or removed post: "Held for review" (with what screening found), or
 * "Removed by a moderator" with the reason. Nothing for ordinary posts.
 */
import type { Status } from '../api/types.js';
import { Icon } from './Icon.js';
import { moderationOf } from './ScreeningApi.js';
import './ScreeningStyles.css';

export function ScreeningStatusBanner({ status }: { status: Status }) {
  const moderation = moderationOf(status);
  if (!moderation || moderation.state === 'visible') return null;
  if (moderation.state === 'removed') {
    const reason = moderation.decision?.decision === 'remove' ? moderation.decision.reason : '';
    return (
      <div
        className="screening-banner screening-banner-removed"
        data-testid="moderation-banner"
        data-state="removed"
      >
        <Icon name="shield" />
        <p>
          <strong>Removed by a moderator.</strong> Only you can see this post.
          {reason && <> Reason: {reason}</>}
        </p>
      </div>
    );
  }
  const found = [...new Set(moderation.findings.map((f) => f.message))];
  return (
    <div className="screening-banner" data-testid="moderation-banner" data-state="held">
      <Icon name="shield" />
      <p>
        <strong>Held for review.</strong> Only you can see this post until a moderator releases it.
        {found.length > 0 && <> {found.join(' ')}</>}
      </p>
    </div>
  );
}
