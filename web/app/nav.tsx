import { useEffect, useId, useState } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { Button } from '../components/button.tsx';
import { t } from '../i18n/index.ts';
import { activeMembership, useSignOut } from '../lib/session.ts';
import type { Session } from '../../common/auth.ts';

type Item = { to: string; label: string; end?: boolean };

function items(session: Session): Item[] {
  if (!session.user) return [
    { to: '/sign-in', label: t('nav.signIn') },
    { to: '/sign-up', label: t('nav.signUp') },
  ];
  const membership = activeMembership(session);
  const list: Item[] = [];
  if (membership) {
    list.push({ to: '/', label: t('nav.home'), end: true }, { to: '/directory', label: t('nav.directory') }, { to: '/profile', label: t('nav.profile') });
    list.push({ to: '/timebank', label: t('nav.timebank') });
    if (membership.role === 'coordinator' && membership.status === 'active') list.push({ to: '/coordinator', label: t('nav.coordinator') });
    if ((membership.role === 'coordinator' || membership.role === 'officer') && membership.status === 'active') list.push(membership.role === 'coordinator' ? { to: '/trust', label: t('nav.trust') } : { to: '/council', label: t('nav.council') });
  } else {
    list.push({ to: '/join', label: t('nav.join') });
  }
  if (session.user.isAdmin) list.push({ to: '/admin', label: t('nav.admin') });
  list.push({ to: '/account', label: t('nav.account') });
  return list;
}

/**
 * The main navigation. On narrow screens it folds behind a Menu button (a disclosure, so it is
 * announced as expanded or collapsed); from 48rem it is always shown.
 */
export function Nav({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const listId = useId();
  useEffect(() => setOpen(false), [location.pathname]);

  return (
    <>
      <Button variant="secondary" className="nav__toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {t('nav.menu')}
      </Button>
      <nav className="nav" aria-label={t('nav.label')} data-open={open}>
        <ul className="nav__list" id={listId}>
          {items(session).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end} className="nav__link">
                {item.label}
              </NavLink>
            </li>
          ))}
          {session.user ? (
            <li>
              <SignOutButton />
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}

function SignOutButton() {
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <Button variant="link" className="nav__link" busy={signOut.isPending} onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in') })}>
      {t('nav.signOut')}
    </Button>
  );
}
