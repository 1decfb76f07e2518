/** The unread notifications count, kept live by the stream and read from the server on focus. */
import { useQuery } from '@tanstack/react-query';
import { keys } from '../api/keys.js';
import { unreadNotificationCount } from '../api/misc.js';

export function useUnreadCount(): number {
  const { data } = useQuery({ queryKey: keys.unread, queryFn: unreadNotificationCount, staleTime: 30_000, retry: false });
  return data?.count ?? 0;
}

export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="badge" data-testid="unread-badge" aria-label={`${count} unread`}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
