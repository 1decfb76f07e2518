/** Maps a path to the signed-in page that shows it. */
import type { ReactElement } from 'react';
import { AdminPage } from './pages/AdminPage.js';
import { AuditPage } from './pages/AuditPage.js';
import { BrandCalendarPage } from './pages/BrandCalendarPage.js';
import { BrandDraftPage } from './pages/BrandDraftPage.js';
import { BrandPage } from './pages/BrandPage.js';
import { BrandReviewPage } from './pages/BrandReviewPage.js';
import { BrandSettingsPage } from './pages/BrandSettingsPage.js';
import { BrandsPage } from './pages/BrandsPage.js';
import { BookmarksPage } from './pages/BookmarksPage.js';
import { DirectoryPage } from './pages/DirectoryPage.js';
import { HomePage } from './pages/HomePage.js';
import { ModerationPage } from './pages/ModerationPage.js';
import { ScreeningPolicyPage } from './pages/ScreeningPolicyPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { NotificationsPage } from './pages/NotificationsPage.js';
import { OrganizationPage } from './pages/OrganizationPage.js';
import { ProfilePage } from './pages/ProfilePage.js';
import { SearchPage } from './pages/SearchPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { TagPage } from './pages/TagPage.js';
import { ThreadPage } from './pages/ThreadPage.js';

export function signedInPage(pathname: string): ReactElement {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  switch (path) {
    case '/':
      return <HomePage />;
    case '/organization':
      return <OrganizationPage />;
    case '/notifications':
      return <NotificationsPage />;
    case '/search':
      return <SearchPage />;
    case '/directory':
      return <DirectoryPage />;
    case '/bookmarks':
      return <BookmarksPage />;
    case '/settings':
      return <SettingsPage />;
    case '/admin':
      return <AdminPage />;
    case '/moderation':
      return <ModerationPage />;
    case '/admin/screening':
      return <ScreeningPolicyPage />;
    case '/admin/audit':
      return <AuditPage />;
    case '/brands':
      return <BrandsPage />;
    case '/brands/review':
      return <BrandReviewPage />;
    case '/brands/calendar':
      return <BrandCalendarPage />;
  }
  const brand = /^\/brands\/(\d+)(?:\/(calendar|settings)|\/drafts\/(\d+))?$/.exec(path);
  if (brand) {
    const brandId = brand[1]!;
    const section = brand[2];
    const draftId = brand[3];
    if (draftId) return <BrandDraftPage key={draftId} brandId={brandId} draftId={draftId} />;
    if (section === 'calendar') return <BrandCalendarPage key={brandId} brandId={brandId} />;
    if (section === 'settings') return <BrandSettingsPage key={brandId} brandId={brandId} />;
    return <BrandPage key={brandId} brandId={brandId} />;
  }
  let match = /^\/tags\/([^/]+)$/.exec(path);
  if (match) return <TagPage key={match[1]} tag={match[1]!} />;
  match = /^\/@([^/]+)\/(\d+)$/.exec(path);
  if (match) return <ThreadPage key={match[2]} username={match[1]!} id={match[2]!} />;
  match = /^\/@([^/]+)$/.exec(path);
  if (match) return <ProfilePage key={match[1]} username={match[1]!} />;
  return <NotFoundPage />;
}

/** Pages for people who are not signed in (or are just signing in). */
export function publicRoute(pathname: string): { page: 'sign-in' } | { page: 'link' | 'invite'; token: string } | null {
  if (pathname === '/sign-in') return { page: 'sign-in' };
  let match = /^\/sign-in\/link\/([^/]+)$/.exec(pathname);
  if (match) return { page: 'link', token: match[1]! };
  match = /^\/invite\/([^/]+)$/.exec(pathname);
  if (match) return { page: 'invite', token: match[1]! };
  return null;
}
