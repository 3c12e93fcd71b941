import { Outlet } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { SubNav } from '../../../components/sub-nav.tsx';
import { t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';

/** The coordinator console: join requests, invitations, members' verification, reports. */
export function CoordinatorConsole() {
  const community = useActiveCommunity();
  return (
    <>
      <PageHeader title={t('coordinator.title')} lead={t('coordinator.lead', { name: community.name })} />
      <SubNav
        label={t('coordinator.sections')}
        items={[
          { to: '/coordinator/join-requests', label: t('coordinator.joinRequests.tab') },
          { to: '/coordinator/invites', label: t('coordinator.invites.tab') },
          { to: '/coordinator/members', label: t('coordinator.members.tab') },
          { to: '/coordinator/reports', label: t('coordinator.reports.tab') },
        ]}
      />
      <Outlet />
    </>
  );
}
