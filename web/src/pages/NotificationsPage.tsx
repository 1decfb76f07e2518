/**
 * Notifications, newest first. Viewing them moves the read marker to the newest one, which clears
 * the unread badge (here and on the person's other devices).
 */
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../api/keys.js';
import { markNotificationsRead } from '../api/misc.js';
import type { Notification } from '../api/types.js';
import { Avatar } from '../components/Avatar.js';
import { BrandNotification, isBrandNotification } from '../components/BrandNotification.js';
import { Icon, type IconName } from '../components/Icon.js';
import { PageHeader } from '../components/PageHeader.js';
import { RelativeTime } from '../components/RelativeTime.js';
import { EmptyState, ErrorState, Spinner } from '../components/States.js';
import { StatusCard } from '../components/StatusCard.js';
import { plainText } from '../components/plain-text.js';
import { LoadMore } from '../components/Timeline.js';
import { flattenPages, usePagedList } from '../hooks/useTimeline.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, profilePath, statusPath } from '../router.js';

const DESCRIPTIONS: Record<string, { icon: IconName; text: string }> = {
  mention: { icon: 'at', text: 'mentioned you' },
  status: { icon: 'bell', text: 'posted' },
  reblog: { icon: 'reblog', text: 'reshared your post' },
  favourite: { icon: 'heart', text: 'liked your post' },
  follow: { icon: 'user', text: 'followed you' },
  update: { icon: 'edit', text: 'edited a post you interacted with' },
  moderation_warning: { icon: 'shield', text: 'reviewed your post' },
};

function NotificationItem({ notification }: { notification: Notification }) {
  const who = notification.account;
  const status = notification.status;
  if (isBrandNotification(notification)) return <BrandNotification notification={notification} />;
  if ((notification.type === 'mention' || notification.type === 'status') && status) {
    return (
      <div className="notification notification-mention" data-notification-type={notification.type}>
        <StatusCard status={status} />
      </div>
    );
  }
  const description = DESCRIPTIONS[notification.type] ?? { icon: 'bell' as IconName, text: notification.type };
  return (
    <div className={`notification notification-${notification.type}`} data-notification-type={notification.type}>
      <span className="notification-icon">
        <Icon name={description.icon} />
      </span>
      <div className="notification-body">
        <div className="notification-line">
          <Link to={profilePath(who.acct)} className="notification-avatar" tabIndex={-1} aria-hidden="true">
            <Avatar account={who} size={32} />
          </Link>
          <p>
            <Link to={profilePath(who.acct)} className="strong-link">
              {who.display_name || who.username}
            </Link>{' '}
            {description.text}
            <span className="muted"> · </span>
            <RelativeTime iso={notification.created_at} />
          </p>
        </div>
        {status && (
          <Link to={statusPath(status.account.acct, status.id)} className="notification-status">
            {plainText(status.content, 280)}
          </Link>
        )}
      </div>
    </div>
  );
}

export function NotificationsPage() {
  useTitle('Notifications');
  const queryClient = useQueryClient();
  const query = usePagedList<Notification>(keys.notifications, '/api/v1/notifications');
  const notifications = flattenPages(query.data);
  const newest = notifications[0]?.id;
  const marked = useRef<string | null>(null);

  useEffect(() => {
    queryClient.setQueryData(keys.unread, { count: 0 });
    if (!newest || marked.current === newest) return;
    marked.current = newest;
    markNotificationsRead(newest).catch(() => {
      marked.current = null;
    });
  }, [newest, queryClient]);

  return (
    <>
      <PageHeader title="Notifications" />
      {query.isPending && <Spinner label="Loading notifications" />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && notifications.length === 0 && (
        <EmptyState>
          <h2>Nothing yet</h2>
          <p>When someone mentions you, follows you or likes your posts, you will see it here.</p>
        </EmptyState>
      )}
      <div className="notifications">
        {notifications.map((n) => (
          <NotificationItem key={n.id} notification={n} />
        ))}
      </div>
      <LoadMore hasMore={Boolean(query.hasNextPage)} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} />
    </>
  );
}
