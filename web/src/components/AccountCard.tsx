/** A person in a list (directory, search): avatar, name, title and department, a follow button. */
import type { Account } from '../api/types.js';
import { useMe } from '../hooks/useSession.js';
import { Link, profilePath } from '../router.js';
import { AccountRoleLine } from './AccountRoleLine.js';
import { Avatar } from './Avatar.js';
import { FollowButton } from './FollowButton.js';

export function AccountCard({ account, showFollow = true }: { account: Account; showFollow?: boolean }) {
  const me = useMe();
  return (
    <div className="account-card" data-account-id={account.id}>
      <Link to={profilePath(account.acct)} className="account-card-link">
        <Avatar account={account} size={48} />
        <span className="account-card-text">
          <span className="account-card-name">{account.display_name || account.username}</span>
          <span className="account-card-username">@{account.acct}</span>
          <AccountRoleLine account={account} />
        </span>
      </Link>
      {showFollow && account.id !== me.id && <FollowButton accountId={account.id} compact />}
    </div>
  );
}
