/** The complementary column on wide screens: search, who's new, departments, followed hashtags, shortcuts. */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { directory, listDepartments } from '../api/accounts.js';
import { keys } from '../api/keys.js';
import { followedTags } from '../api/misc.js';
import { useMe } from '../hooks/useSession.js';
import { Link, navigate, profilePath, useLocation } from '../router.js';
import { AccountRoleLine } from './AccountRoleLine.js';
import { Avatar } from './Avatar.js';
import { Icon } from './Icon.js';

function SearchBox() {
  const [q, setQ] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!q.trim()) return;
    navigate(`/search?q=${encodeURIComponent(q.trim())}`);
    setQ('');
  }
  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <Icon name="search" />
      <label htmlFor="side-search" className="visually-hidden">
        Search Roost
      </label>
      <input id="side-search" type="search" placeholder="Search people, posts, #tags" value={q} onChange={(e) => setQ(e.target.value)} data-search-input="" />
      <kbd aria-hidden="true">/</kbd>
    </form>
  );
}

function Departments() {
  const { data } = useQuery({ queryKey: keys.departments, queryFn: listDepartments, staleTime: 5 * 60_000, retry: false });
  if (!data || data.length === 0) return null;
  const top = [...data].sort((a, b) => (b.member_count ?? 0) - (a.member_count ?? 0)).slice(0, 6);
  return (
    <section className="side-card" aria-labelledby="departments-title">
      <h2 id="departments-title">Departments</h2>
      <ul className="side-list">
        {top.map((d) => (
          <li key={d.id}>
            <Link to={`/directory?department=${d.id}`}>
              <span>{d.name}</span>
              {d.member_count !== undefined && <span className="muted">{d.member_count}</span>}
            </Link>
          </li>
        ))}
      </ul>
      <Link to="/directory" className="side-card-more">
        Browse the directory
      </Link>
    </section>
  );
}

function WhoIsNew() {
  const me = useMe();
  const { data } = useQuery({ queryKey: keys.directory('', ''), queryFn: () => directory({ limit: 60 }), staleTime: 5 * 60_000, retry: false });
  const newest = (data ?? [])
    .filter((a) => a.id !== me.id)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .slice(0, 4);
  if (newest.length === 0) return null;
  return (
    <section className="side-card" aria-labelledby="who-is-new-title">
      <h2 id="who-is-new-title">Who’s new</h2>
      <ul className="side-people">
        {newest.map((account) => (
          <li key={account.id}>
            <Link to={profilePath(account.acct)} className="side-person">
              <Avatar account={account} size={36} />
              <span className="side-person-text">
                <span className="side-person-name">{account.display_name || account.username}</span>
                <AccountRoleLine account={account} />
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FollowedTags() {
  const { data } = useQuery({ queryKey: keys.followedTags, queryFn: followedTags, staleTime: 60_000, retry: false });
  if (!data || data.length === 0) return null;
  return (
    <section className="side-card" aria-labelledby="followed-tags-title">
      <h2 id="followed-tags-title">Hashtags you follow</h2>
      <ul className="side-list">
        {data.slice(0, 8).map((tag) => (
          <li key={tag.name}>
            <Link to={`/tags/${encodeURIComponent(tag.name)}`}>
              <span>#{tag.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RightColumn({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  // The search page has its own, larger box.
  const { pathname } = useLocation();
  return (
    <aside className="right-column" aria-label="Discover">
      {pathname !== '/search' && <SearchBox />}
      <WhoIsNew />
      <Departments />
      <FollowedTags />
      <button type="button" className="shortcut-hint" onClick={onShowShortcuts}>
        <Icon name="keyboard" /> Keyboard shortcuts <kbd>?</kbd>
      </button>
    </aside>
  );
}
