import { Outlet } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { SubNav } from '../../../components/sub-nav.tsx';
import { t } from '../../../i18n/index.ts';

/** The administrator's console: communities and roles, people, the shared skill list, and the email outbox. */
export function AdminConsole() {
  return (
    <>
      <PageHeader title={t('admin.title')} lead={t('admin.lead')} />
      <SubNav
        label={t('admin.sections')}
        items={[
          { to: '/admin', label: t('admin.communities.tab'), end: true },
          { to: '/admin/people', label: t('admin.people.tab') },
          { to: '/admin/skills', label: t('admin.skills.tab') },
          { to: '/admin/outbox', label: t('admin.outbox.tab') },
        ]}
      />
      <Outlet />
    </>
  );
}
