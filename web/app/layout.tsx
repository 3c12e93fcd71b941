import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { Loading } from '../components/loading.tsx';
import { SkipLink } from '../components/skip-link.tsx';
import { t } from '../i18n/index.ts';
import { useSession } from '../lib/session.ts';
import { CommunitySwitcher } from './community-switcher.tsx';
import { Nav } from './nav.tsx';

/** The frame around every page: skip link, header with navigation, main content, footer. */
export function Layout() {
  const session = useSession();
  const location = useLocation();
  // An empty Kith has no one to sign in as: everything leads to the first-run page.
  if (session.data?.setupRequired && location.pathname !== '/setup') return <Navigate to="/setup" replace />;

  return (
    <div className="shell">
      <SkipLink />
      <header className="shell__header">
        <div className="shell__bar">
          <Link to="/" className="shell__brand">
            {t('app.name')}
            <span aria-hidden="true">.</span>
          </Link>
          {session.data && !session.data.setupRequired ? <Nav session={session.data} /> : null}
        </div>
        {session.data?.user && session.data.memberships.length > 1 ? (
          <div className="shell__community">
            <CommunitySwitcher session={session.data} />
          </div>
        ) : null}
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {session.isPending ? <Loading /> : session.isError ? <ErrorState error={session.error} onRetry={() => void session.refetch()} /> : <Outlet />}
      </main>
      <footer className="shell__footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
