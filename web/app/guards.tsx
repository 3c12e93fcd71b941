// Route guards. The server decides what anyone may do; these only send people to the right
// page and explain plainly when a page is not for them.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState } from '../components/error-state.tsx';
import { Loading } from '../components/loading.tsx';
import { Notice } from '../components/notice.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ButtonLink } from '../components/button.tsx';
import { t } from '../i18n/index.ts';
import { safeNext, withNext } from '../lib/navigation.ts';
import { activeMembership, useSession } from '../lib/session.ts';
import type { Session } from '../../common/auth.ts';

function WithSession({ children }: { children: (session: Session) => ReactNode }) {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  return <>{children(session.data)}</>;
}

/** Signed-out people go to sign in, and come back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <WithSession>
      {(session) =>
        session.user ? children : <Navigate to={withNext('/sign-in', location.pathname + location.search)} replace />
      }
    </WithSession>
  );
}

/** Pages inside a community: people who belong to none are sent to join one. */
export function RequireCommunity({ children }: { children: ReactNode }) {
  return (
    <RequireSession>
      <WithSession>{(session) => (activeMembership(session) ? children : <Navigate to="/join" replace />)}</WithSession>
    </RequireSession>
  );
}

function NotForYou({ message }: { message: string }) {
  return (
    <>
      <PageHeader title={t('guards.notForYouTitle')} />
      <Notice tone="info">
        <p>{message}</p>
      </Notice>
      <ButtonLink to="/" variant="secondary">
        {t('guards.backHome')}
      </ButtonLink>
    </>
  );
}

/** Pages for one role in the active community: others see a plain "not for you" message. */
export function RequireRole({ role, children }: { role: 'coordinator' | 'officer'; children: ReactNode }) {
  return (
    <RequireCommunity>
      <WithSession>
        {(session) => {
          const membership = activeMembership(session);
          const allowed = membership?.status === 'active' && (membership.role === role || (role === 'officer' && membership.role === 'coordinator'));
          return allowed ? children : <NotForYou message={t(role === 'coordinator' ? 'guards.coordinatorOnly' : 'guards.officerOnly')} />;
        }}
      </WithSession>
    </RequireCommunity>
  );
}

/** Pages for the administrators of this Kith. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  return (
    <RequireSession>
      <WithSession>{(session) => (session.user?.isAdmin ? children : <NotForYou message={t('guards.adminOnly')} />)}</WithSession>
    </RequireSession>
  );
}

/** Sign-in and sign-up pages: someone already signed in goes on to where they were heading. */
export function RequireSignedOut({ children }: { children: ReactNode }) {
  const location = useLocation();
  const next = safeNext(new URLSearchParams(location.search).get('next'));
  return <WithSession>{(session) => (session.user ? <Navigate to={next} replace /> : children)}</WithSession>;
}
