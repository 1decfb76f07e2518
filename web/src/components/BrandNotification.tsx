/**
 * Notifications from a brand's workflow (Roost types `brand_review` and `brand_update`, sent from
 * the brand account): readable text and a link — to the review inbox for something waiting for
 * the reader's approval, to the brand's drafts for a draft that moved. The notification does not
 * name the draft, so the link goes as near as the API allows.
 */
import { useQuery } from '@tanstack/react-query';
import { brandKeys, listBrands } from '../api/brands.js';
import type { Notification } from '../api/types.js';
import { Link } from '../router.js';
import { Avatar } from './Avatar.js';
import { Icon } from './Icon.js';
import { RelativeTime } from './RelativeTime.js';
import '../styles/brands.css';

export function isBrandNotification(notification: Notification): boolean {
  return notification.type === 'brand_review' || notification.type === 'brand_update';
}

export function BrandNotification({ notification }: { notification: Notification }) {
  const brands = useQuery({
    queryKey: brandKeys.list(false),
    queryFn: () => listBrands(false),
    staleTime: 60_000,
    retry: false,
  });
  const who = notification.account;
  const brand = brands.data?.find((b) => b.account_id === who.id);
  const review = notification.type === 'brand_review';
  const link = review ? '/brands/review' : brand ? `/brands/${brand.id}` : '/brands';
  return (
    <div
      className={`notification notification-${notification.type}`}
      data-notification-type={notification.type}
    >
      <span className="notification-icon">
        <Icon name={review ? 'check' : 'megaphone'} />
      </span>
      <div className="notification-body">
        <div className="notification-line">
          <span className="notification-avatar" aria-hidden="true">
            <Avatar account={who} size={32} />
          </span>
          <p>
            {review ? (
              <>
                A draft for <strong>@{who.username}</strong> waits for your approval.
              </>
            ) : (
              <>
                Your draft for <strong>@{who.username}</strong> moved on.
              </>
            )}
            <span className="muted"> · </span>
            <RelativeTime iso={notification.created_at} />
          </p>
        </div>
        <Link to={link} className="notification-status brand-notification-link">
          {review ? 'Open the review inbox' : `See the drafts of @${who.username}`}
        </Link>
      </div>
    </div>
  );
}
