import { Outlet } from 'react-router';
import { PageHeader } from '../../../../components/page-header.tsx';
import { SubNav } from '../../../../components/sub-nav.tsx';
import { t } from '../../../../i18n/index.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import { TimebankNav } from '../timebank-nav.tsx';

/** The coordinators' side of the time bank: what waits, recording for others, the fund, corrections, settings and the report. */
export function TimebankCoordinatorConsole() {
  const community = useActiveCommunity();
  return (
    <>
      <PageHeader title={t('timebank.coordinator.title')} lead={t('timebank.coordinator.lead', { name: community.name })} />
      <TimebankNav />
      <SubNav
        label={t('timebank.coordinator.sections')}
        items={[
          { to: '/timebank/coordinator', label: t('timebank.coordinator.queueTab'), end: true },
          { to: '/timebank/coordinator/record', label: t('timebank.coordinator.proxyTab') },
          { to: '/timebank/coordinator/group', label: t('timebank.coordinator.groupTab') },
          { to: '/timebank/coordinator/grants', label: t('timebank.coordinator.grantTab') },
          { to: '/timebank/coordinator/corrections', label: t('timebank.coordinator.correctionsTab') },
          { to: '/timebank/coordinator/settings', label: t('timebank.coordinator.settingsTab') },
          { to: '/timebank/coordinator/report', label: t('timebank.coordinator.reportTab') },
        ]}
      />
      <Outlet />
    </>
  );
}
