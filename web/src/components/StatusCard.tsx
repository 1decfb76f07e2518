/**
 * One post: author, role line, time, content, actions; reshares are shown with the resharer's
 * name. Own posts can be edited (with history) and deleted. Clicking the card opens the thread.
 */
import { useState, type MouseEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import { deleteStatus } from '../api/statuses.js';
import type { Status } from '../api/types.js';
import { announce } from '../hooks/live-store.js';
import { removeStatus } from '../hooks/status-cache.js';
import { useMe } from '../hooks/useSession.js';
import { Link, navigate, profilePath, statusPath } from '../router.js';
import { AccountRoleLine } from './AccountRoleLine.js';
import { Avatar } from './Avatar.js';
import { Composer } from './Composer.js';
import { ConfirmDialog } from './Dialog.js';
import { EditHistory } from './EditHistory.js';
import { Icon } from './Icon.js';
import { Menu } from './Menu.js';
import { ReplyingTo } from './ReplyingTo.js';
import { ScreeningStatusBanner } from './ScreeningStatusBanner.js';
import { absoluteTime, RelativeTime } from './RelativeTime.js';
import { StatusActions } from './StatusActions.js';
import { StatusContent } from './StatusContent.js';
import { StatusEditor } from './StatusEditor.js';
import { VisibilityBadge } from './VisibilityBadge.js';

export interface StatusCardProps {
  status: Status;
  /** The post a thread page is about: larger text, full date, no click-through. */
  detail?: boolean;
  /** Overrides the inline reply composer (the thread page has its own). */
  onReply?: () => void;
  onDeleted?: () => void;
  /** Draws the thread line joining an ancestor to the next post. */
  threadLine?: boolean;
}

function isInteractive(target: EventTarget): boolean {
  return target instanceof Element && Boolean(target.closest('a, button, input, textarea, select, label, form, dialog, [role="menu"]'));
}

export function StatusCard({ status: wrapper, detail, onReply, onDeleted, threadLine }: StatusCardProps) {
  const me = useMe();
  const queryClient = useQueryClient();
  const status = wrapper.reblog ?? wrapper;
  const rebloggedBy = wrapper.reblog ? wrapper.account : null;
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mine = status.account.id === me.id;
  const path = statusPath(status.account.acct, status.id);
  const name = status.account.display_name || status.account.username;

  const remove = useMutation({
    mutationFn: () => deleteStatus(status.id),
    onSuccess: () => {
      setConfirmDelete(false);
      removeStatus(queryClient, status.id);
      announce('Post deleted');
      onDeleted?.();
    },
  });

  function open(event: MouseEvent<HTMLElement>) {
    if (detail || isInteractive(event.target) || window.getSelection()?.toString()) return;
    navigate(path);
  }

  return (
    <article
      className={`status${detail ? ' status-detail' : ''}${threadLine ? ' status-threaded' : ''}`}
      tabIndex={0}
      data-status-id={status.id}
      aria-label={`${name}, ${absoluteTime(status.created_at)}`}
      onClick={open}
    >
      {rebloggedBy && (
        <div className="status-context">
          <Icon name="reblog" />
          <Link to={profilePath(rebloggedBy.acct)}>{rebloggedBy.display_name || rebloggedBy.username}</Link>{' '}
          <span>reshared</span>
        </div>
      )}
      <div className="status-grid">
        <Link to={profilePath(status.account.acct)} className="status-avatar" tabIndex={-1} aria-hidden="true">
          <Avatar account={status.account} size={detail ? 52 : 44} />
        </Link>
        <div className="status-main">
          <header className="status-header">
            <span className="status-author">
              <Link to={profilePath(status.account.acct)} className="status-name">
                {name}
              </Link>
              <span className="status-username">@{status.account.acct}</span>
            </span>
            <span className="status-meta">
              <VisibilityBadge visibility={status.visibility} />
              {!detail && (
                <Link to={path} className="status-time" data-action="open">
                  <RelativeTime iso={status.created_at} />
                </Link>
              )}
              {status.edited_at && (
                <button type="button" className="edited-marker" onClick={() => setShowHistory(true)} title="Show edit history">
                  edited
                </button>
              )}
              {mine && !editing && (
                <Menu
                  label="More actions"
                  items={[
                    { label: 'Edit', icon: 'edit', onSelect: () => setEditing(true) },
                    { label: 'Delete', icon: 'trash', danger: true, onSelect: () => setConfirmDelete(true) },
                  ]}
                />
              )}
            </span>
          </header>
          <AccountRoleLine account={status.account} className="status-role" />
          {!detail && <ReplyingTo status={status} />}
          <ScreeningStatusBanner status={status} />
          {editing ? <StatusEditor status={status} onDone={() => setEditing(false)} /> : <StatusContent status={status} large={detail} />}
          {detail && (
            <p className="status-detail-time">
              <time dateTime={status.created_at}>{absoluteTime(status.created_at)}</time>
            </p>
          )}
          <StatusActions
            status={status}
            replying={replying}
            onReply={() => (onReply ? onReply() : setReplying((r) => !r))}
          />
        </div>
      </div>
      {replying && !onReply && (
        <div className="status-reply-composer">
          <Composer
            draftKey={`reply:${status.id}`}
            replyTo={status}
            autoFocus
            onCancel={() => setReplying(false)}
            onPosted={() => setReplying(false)}
          />
        </div>
      )}
      {showHistory && <EditHistory statusId={status.id} onClose={() => setShowHistory(false)} />}
      {confirmDelete && (
        <ConfirmDialog
          title="Delete post?"
          message="This removes the post for everyone. Replies stay, without it."
          confirmLabel="Delete"
          busy={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirmDelete(false)}
        />
      )}
    </article>
  );
}
