/** The left navigation on tablets and desktops: sections, the unread badge, who is signed in. */
import { useMe } from '../hooks/useSession.js';
import { Link, useLocation } from '../router.js';
import { Avatar } from './Avatar.js';
import { Icon } from './Icon.js';
import { isCurrent, navItems } from './nav-items.js';
import { SignOutButton } from './SignOutButton.js';
import { UnreadBadge, useUnreadCount } from './UnreadBadge.js';

export function SideNav({ onCompose }: { onCompose: () => void }) {
  const me = useMe();
  const { pathname } = useLocation();
  const unread = useUnreadCount();
  return (
    <nav className="side-nav" aria-label="Primary">
      <Link to="/" className="brand" aria-label="Roost home">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <span className="brand-name">Roost</span>
      </Link>
      <ul className="side-nav-list">
        {navItems(me).map((item) => {
          const current = isCurrent(item, pathname);
          return (
            <li key={item.to}>
              <Link to={item.to} className="nav-link" aria-current={current ? 'page' : undefined}>
                <span className="nav-icon">
                  <Icon name={item.icon} />
                  {item.badge === 'unread' && <UnreadBadge count={unread} />}
                </span>
                <span className="nav-label">{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button button-primary nav-compose" onClick={onCompose}>
        <Icon name="edit" />
        <span className="nav-label">New post</span>
      </button>
      <div className="side-nav-me">
        <Link to={`/@${me.username}`} className="side-nav-me-link">
          <Avatar account={me} size={36} />
          <span className="nav-label side-nav-me-text">
            <span className="side-nav-me-name">{me.display_name || me.username}</span>
            <span className="side-nav-me-username">@{me.username}</span>
          </span>
        </Link>
        <SignOutButton />
      </div>
    </nav>
  );
}
