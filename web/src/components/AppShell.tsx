/**
 * The signed-in layout: skip link, navigation (side on wide screens, tabs on phones), the main
 * column, the complementary column, live updates, shortcuts and the announcement region.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLiveUpdates } from '../hooks/useLiveUpdates.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { navigate, useLocation } from '../router.js';
import { PauseBanner } from './BrandPause.js';
import { LiveRegion } from './LiveRegion.js';
import { RightColumn } from './RightColumn.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import { SideNav } from './SideNav.js';
import { TabBar } from './TabBar.js';

export function AppShell({ children }: { children: ReactNode }) {
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);
  const live = useLiveUpdates(true);
  useShortcuts(openHelp);

  // After moving to another page, move focus to the new page's heading (unless the page focused something itself).
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    const active = document.activeElement;
    if (active && active !== document.body && document.getElementById('main')?.contains(active)) return;
    document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [pathname]);

  function compose() {
    const composer = document.querySelector<HTMLTextAreaElement>('textarea[data-primary-composer]');
    if (composer) composer.focus();
    else navigate('/?compose=1');
  }

  return (
    <div className="shell" data-live={live}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <SideNav onCompose={compose} />
      <main id="main" className="main-column" tabIndex={-1} data-path={pathname}>
        {live === 'retrying' && (
          <div className="connection-banner" role="status">
            Reconnecting to live updates…
          </div>
        )}
        <PauseBanner />
        {children}
      </main>
      <RightColumn onShowShortcuts={openHelp} />
      <TabBar />
      <LiveRegion />
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
