/** A person's profile: who they are in the organization, their counts, follow, and their posts. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { accountStatusesPath, lookupAccount } from '../api/accounts.js';
import { ApiError } from '../api/client.js';
import { keys } from '../api/keys.js';
import type { Account } from '../api/types.js';
import { Avatar } from '../components/Avatar.js';
import { FollowButton } from '../components/FollowButton.js';
import { PageHeader } from '../components/PageHeader.js';
import { RichText } from '../components/RichText.js';
import { ErrorState, Spinner } from '../components/States.js';
import { TabPanel, Tabs } from '../components/Tabs.js';
import { Timeline } from '../components/Timeline.js';
import { useMe } from '../hooks/useSession.js';
import { useTitle } from '../hooks/useTitle.js';
import { Link, profilePath } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

const JOINED = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

function ProfileHeader({ account }: { account: Account }) {
  const me = useMe();
  const roost = account.roost ?? {};
  const joined = new Date(account.created_at);
  return (
    <section className="profile" aria-labelledby="profile-name">
      <div className="profile-cover" aria-hidden="true" />
      <div className="profile-top">
        <div className="profile-avatar">
          <Avatar account={account} size={96} />
        </div>
        <div className="profile-actions">
          {account.id === me.id ? (
            <Link to="/settings" className="button">
              Edit profile
            </Link>
          ) : (
            <FollowButton accountId={account.id} />
          )}
        </div>
      </div>
      <h2 id="profile-name" className="profile-name">
        {account.display_name || account.username}
        {roost.kind === 'brand' && <span className="pill">Brand</span>}
      </h2>
      <p className="profile-username">@{account.acct}</p>
      {(roost.title || roost.department) && (
        <p className="profile-role">
          {roost.title}
          {roost.title && roost.department && ' · '}
          {roost.department && <Link to={`/directory?department=${roost.department.id}`}>{roost.department.name}</Link>}
        </p>
      )}
      {roost.manager && (
        <p className="profile-manager">
          Reports to <Link to={profilePath(roost.manager.username)}>{roost.manager.display_name || `@${roost.manager.username}`}</Link>
        </p>
      )}
      {account.note && <RichText className="profile-note" html={account.note} />}
      <dl className="profile-stats">
        <div>
          <dt>Posts</dt>
          <dd data-testid="posts-count">{account.statuses_count}</dd>
        </div>
        <div>
          <dt>Followers</dt>
          <dd data-testid="followers-count">{account.followers_count}</dd>
        </div>
        <div>
          <dt>Following</dt>
          <dd>{account.following_count}</dd>
        </div>
      </dl>
      {!Number.isNaN(joined.getTime()) && <p className="profile-joined">Joined {JOINED.format(joined)}</p>}
    </section>
  );
}

export function ProfilePage({ username }: { username: string }) {
  const account = useQuery({ queryKey: keys.account(username), queryFn: () => lookupAccount(username) });
  const [tab, setTab] = useState<'posts' | 'replies'>('posts');
  useTitle(account.data ? `${account.data.display_name || account.data.username} (@${account.data.acct})` : `@${username}`);

  if (account.isPending) return <Spinner label="Loading profile" />;
  if (account.isError) {
    if (account.error instanceof ApiError && account.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  }
  const a = account.data;
  return (
    <>
      <PageHeader title={a.display_name || a.username} subtitle={`${a.statuses_count} ${a.statuses_count === 1 ? 'post' : 'posts'}`} back />
      <ProfileHeader account={a} />
      <Tabs
        idPrefix="profile"
        label="Profile sections"
        current={tab}
        onChange={setTab}
        tabs={[
          { id: 'posts', label: 'Posts' },
          { id: 'replies', label: 'Posts and replies' },
        ]}
      />
      <TabPanel idPrefix="profile" current={tab}>
        <Timeline
          key={tab}
          name={`account:${a.id}:${tab}`}
          path={accountStatusesPath(a.id, tab === 'posts')}
          empty={<p>No posts yet.</p>}
        />
      </TabPanel>
    </>
  );
}
