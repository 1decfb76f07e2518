/** The app's sections, in navigation order. */
import type { CredentialAccount } from '../api/types.js';
import type { IconName } from './Icon.js';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  /** Shown in the phone tab bar; the rest sit in its "More" sheet. */
  tab?: boolean;
  badge?: 'unread';
  /** Only this exact path marks the item current (a profile, not the posts under it). */
  exact?: boolean;
}

export function navItems(me: CredentialAccount): NavItem[] {
  const items: NavItem[] = [
    { to: '/', label: 'Home', icon: 'home', tab: true },
    { to: '/organization', label: 'Organization', icon: 'organization', tab: true },
    { to: '/notifications', label: 'Notifications', icon: 'bell', tab: true, badge: 'unread' },
    { to: '/search', label: 'Search', icon: 'search', tab: true },
    { to: '/directory', label: 'Directory', icon: 'directory' },
    { to: '/bookmarks', label: 'Bookmarks', icon: 'bookmark' },
    { to: '/brands', label: 'Brands', icon: 'megaphone' },
    { to: `/@${me.username}`, label: 'Profile', icon: 'user', exact: true },
    { to: '/settings', label: 'Settings', icon: 'settings' },
  ];
  if (me.roost?.role === 'admin') items.push({ to: '/admin', label: 'Admin', icon: 'shield', exact: true });
  if (me.roost?.role === 'admin' || me.roost?.role === 'moderator') items.push({ to: '/moderation', label: 'Moderation', icon: 'check' });
  if (me.roost?.role === 'admin') items.push({ to: '/admin/screening', label: 'Screening policy', icon: 'shield' });
  if (me.roost?.role === 'admin') items.push({ to: '/admin/audit', label: 'Audit log', icon: 'list' });
  return items;
}

export function isCurrent(item: NavItem, pathname: string): boolean {
  if (item.to === '/' || item.exact) return pathname.toLowerCase() === item.to.toLowerCase();
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}
