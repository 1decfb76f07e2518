/** The phone navigation: four main sections at the bottom and a "More" sheet for the rest. */
import { useEffect, useState } from 'react';
import { useMe } from '../hooks/useSession.js';
import { Link, useLocation } from '../router.js';
import { Icon } from './Icon.js';
import { isCurrent, navItems } from './nav-items.js';
import { SignOutButton } from './SignOutButton.js';
import { UnreadBadge, useUnreadCount } from './UnreadBadge.js';

export function TabBar() {
  const me = useMe();
  const { pathname } = useLocation();
  const unread = useUnreadCount();
  const [moreOpen, setMoreOpen] = useState(false);
  const items = navItems(me);
  const rest = items.filter((item) => !item.tab);

  useEffect(() => setMoreOpen(false), [pathname]);

  return (
    <nav className="tab-bar" aria-label="Sections">
      {moreOpen && (
        <div className="tab-sheet" id="more-sections">
          {rest.map((item) => (
            <Link key={item.to} to={item.to} className="menu-item" aria-current={isCurrent(item, pathname) ? 'page' : undefined}>
              <Icon name={item.icon} />
              {item.label}
            </Link>
          ))}
          <SignOutButton withLabel />
        </div>
      )}
      <ul className="tab-list">
        {items
          .filter((item) => item.tab)
          .map((item) => (
            <li key={item.to}>
              <Link to={item.to} className="tab-link" aria-current={isCurrent(item, pathname) ? 'page' : undefined} aria-label={item.label}>
                <span className="nav-icon">
                  <Icon name={item.icon} />
                  {item.badge === 'unread' && <UnreadBadge count={unread} />}
                </span>
              </Link>
            </li>
          ))}
        <li>
          <button
            type="button"
            className="tab-link"
            aria-label="More sections"
            aria-expanded={moreOpen}
            aria-controls="more-sections"
            onClick={() => setMoreOpen((o) => !o)}
          >
            <Icon name={moreOpen ? 'close' : 'menu'} />
          </button>
        </li>
      </ul>
    </nav>
  );
}
