/** "Replying to @bob" above a reply in a timeline, so a lone reply still makes sense. */
import type { Status } from '../api/types.js';
import { Link, profilePath } from '../router.js';
import { Icon } from './Icon.js';

export function ReplyingTo({ status }: { status: Status }) {
  if (!status.in_reply_to_id) return null;
  if (status.in_reply_to_account_id === status.account.id) {
    return (
      <div className="status-replying">
        <Icon name="reply" /> Continued thread
      </div>
    );
  }
  const target = status.mentions.find((m) => m.id === status.in_reply_to_account_id);
  return (
    <div className="status-replying">
      <Icon name="reply" /> Replying to {target ? <Link to={profilePath(target.acct)}>@{target.acct}</Link> : 'a post'}
    </div>
  );
}
