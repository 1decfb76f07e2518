/** The application: public sign-in pages, or the signed-in shell with the current page. */
import { useEffect } from 'react';
import { AppShell } from './components/AppShell.js';
import { ErrorState, Spinner } from './components/States.js';
import { MeContext, useSessionQuery } from './hooks/useSession.js';
import { InvitePage } from './pages/InvitePage.js';
import { SignInLinkPage } from './pages/SignInLinkPage.js';
import { safeNext, SignInPage } from './pages/SignInPage.js';
import { navigate, useLocation } from './router.js';
import { publicRoute, signedInPage } from './routes.js';

export function App() {
  const { pathname, search, href } = useLocation();
  const route = publicRoute(pathname);
  // Link and invitation pages sign the person in themselves; an earlier answer must not race them.
  const session = useSessionQuery(route?.page !== 'link' && route?.page !== 'invite');
  const me = session.data ?? null;

  useEffect(() => {
    if (session.isPending || session.isError) return;
    if (!me && !route) navigate(`/sign-in?next=${encodeURIComponent(href)}`, { replace: true });
    if (me && route?.page === 'sign-in') navigate(safeNext(search.get('next')), { replace: true });
  }, [me, route, href, search, session.isPending, session.isError]);

  if (route?.page === 'link') return <SignInLinkPage token={route.token} />;
  if (route?.page === 'invite') return <InvitePage token={route.token} />;
  if (session.isPending) return <Spinner label="Starting Roost" />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  if (!me) return route?.page === 'sign-in' ? <SignInPage /> : <Spinner label="Redirecting to sign-in" />;
  if (route) return <Spinner label="Signing in" />;

  return (
    <MeContext.Provider value={me}>
      <AppShell>{signedInPage(pathname)}</AppShell>
    </MeContext.Provider>
  );
}
