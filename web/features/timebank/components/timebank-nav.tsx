import { SubNav } from '../../../components/sub-nav.tsx';
import { t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import '../timebank.css';

/** Links between the time bank's pages; coordinators also see their queue. */
export function TimebankNav() {
  const membership = useActiveCommunity();
  const coordinator = membership.role === 'coordinator' && membership.status === 'active';
  const items = [
    { to: '/timebank', label: t('timebank.nav.browse'), end: true },
    { to: '/timebank/mine', label: t('timebank.nav.mine') },
    { to: '/timebank/exchanges', label: t('timebank.nav.exchanges') },
    { to: '/timebank/statement', label: t('timebank.nav.statement') },
    { to: '/timebank/fund', label: t('timebank.nav.fund') },
    { to: '/timebank/messages', label: t('timebank.nav.messages') },
  ];
  if (coordinator) items.push({ to: '/timebank/coordinator', label: t('timebank.nav.coordinator') });
  return <SubNav label={t('timebank.nav.label')} items={items} />;
}
