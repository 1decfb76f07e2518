/** Reply, reshare, like and bookmark, each a toggle button with its count and pressed state. */
import type { Status } from '../api/types.js';
import { useToggleStatus, type ToggleKind } from '../hooks/useStatusActions.js';
import { Icon, type IconName } from './Icon.js';

function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(n / 1000)}k`;
}

function Toggle({
  status,
  kind,
  on,
  count,
  icon,
  label,
  disabledReason,
}: {
  status: Status;
  kind: ToggleKind;
  on: boolean;
  count: number | null;
  icon: IconName;
  label: string;
  disabledReason?: string;
}) {
  const toggle = useToggleStatus();
  return (
    <button
      type="button"
      className={`action action-${kind}${on ? ' is-on' : ''}`}
      aria-pressed={on}
      aria-label={count === null ? label : `${label} (${count})`}
      title={disabledReason ?? label}
      data-action={kind}
      disabled={Boolean(disabledReason)}
      onClick={() => toggle.mutate({ status, kind, on: !on })}
    >
      <Icon name={icon} />
      {count !== null && <span className="action-count" data-testid={`${kind}-count`}>{count > 0 ? compact(count) : ''}</span>}
    </button>
  );
}

export function StatusActions({ status, onReply, replying }: { status: Status; onReply: () => void; replying: boolean }) {
  const privateAudience = status.visibility === 'private' || status.visibility === 'direct';
  return (
    <div className="status-actions" role="group" aria-label="Post actions">
      <button
        type="button"
        className={`action action-reply${replying ? ' is-on' : ''}`}
        aria-label={`Reply (${status.replies_count})`}
        aria-expanded={replying}
        title="Reply"
        data-action="reply"
        onClick={onReply}
      >
        <Icon name="reply" />
        <span className="action-count">{status.replies_count > 0 ? compact(status.replies_count) : ''}</span>
      </button>
      <Toggle
        status={status}
        kind="reblog"
        on={Boolean(status.reblogged)}
        count={status.reblogs_count}
        icon="reblog"
        label="Reshare"
        disabledReason={privateAudience ? 'Posts with a limited audience cannot be reshared' : undefined}
      />
      <Toggle
        status={status}
        kind="favourite"
        on={Boolean(status.favourited)}
        count={status.favourites_count}
        icon="heart"
        label="Like"
      />
      <Toggle
        status={status}
        kind="bookmark"
        on={Boolean(status.bookmarked)}
        count={null}
        icon="bookmark"
        label="Bookmark"
      />
    </div>
  );
}
