import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { Select, TextField } from '../../../components/fields.tsx';
import { roleName } from '../../../components/labels.ts';
import { RoleBadge } from '../../../components/level-badge.tsx';
import { List, ListItem } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PagedQueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import type { CommunityMember } from '../../../../common/admin.ts';
import { useAdminCommunities, useRoster, useSetRole, type RosterFilter } from '../api.ts';

const ASSIGNABLE = ['member', 'coordinator', 'officer'] as const;

/** One community's members, where the administrator appoints coordinators and council officers. */
export function RolesPanel() {
  const { communityId = '' } = useParams();
  const communities = useAdminCommunities();
  const [filter, setFilter] = useState<RosterFilter>({ q: '', page: 1 });
  const roster = useRoster(communityId, filter);
  const setRole = useSetRole(communityId);
  const name = communities.data?.find((c) => c.id === communityId)?.name ?? '';

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilter({ q: String(new FormData(event.currentTarget).get('q') ?? ''), page: 1 });
  };

  return (
    <section aria-labelledby="roles-heading">
      <p>
        <Link to="/admin">{t('admin.roles.back')}</Link>
      </p>
      <h2 id="roles-heading">{t('admin.roles.title', { name })}</h2>
      <p>{t('admin.roles.lead')}</p>
      <form className="search" onSubmit={search} role="search" aria-label={t('admin.roles.search')}>
        <TextField name="q" type="search" label={t('admin.roles.searchLabel')} defaultValue={filter.q} />
        <span />
        <span />
        <Button type="submit" variant="secondary">
          {t('common.search')}
        </Button>
      </form>
      {setRole.isSuccess ? (
        <Notice tone="success">
          <p>{t('admin.roles.changed', { role: roleName(setRole.data.role as CommunityMember['role']) })}</p>
        </Notice>
      ) : null}
      {setRole.isError ? <ErrorState error={setRole.error} /> : null}
      <PagedQueryView query={roster} onPage={(page) => setFilter({ ...filter, page })} empty={<EmptyState title={t('admin.roles.emptyTitle')}>{t('admin.roles.empty')}</EmptyState>}>
        {(items) => (
          <List>
            {items.map((member) => (
              <ListItem key={member.userId} actions={member.role === 'organisation' ? null : <RoleForm member={member} busy={setRole.isPending && setRole.variables?.userId === member.userId} onSave={(role) => setRole.mutate({ userId: member.userId, role })} />}>
                <h3>{member.displayName}</h3>
                <div className="badges">
                  <RoleBadge role={member.role} />
                  {member.status === 'suspended' ? <span className="badge badge--warning">{t('coordinator.members.suspended')}</span> : null}
                </div>
                {member.email ? <p className="text-small text-muted">{member.email}</p> : null}
              </ListItem>
            ))}
          </List>
        )}
      </PagedQueryView>
    </section>
  );
}

function RoleForm({ member, busy, onSave }: { member: CommunityMember; busy: boolean; onSave: (role: (typeof ASSIGNABLE)[number]) => void }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSave(String(new FormData(event.currentTarget).get('role')) as (typeof ASSIGNABLE)[number]);
  };
  return (
    <form className="switcher" onSubmit={submit} aria-label={t('admin.roles.formLabel', { name: member.displayName })}>
      <Select name="role" id={`role-${member.userId}`} label={t('admin.roles.role', { name: member.displayName })} defaultValue={member.role} options={ASSIGNABLE.map((role) => ({ value: role, label: roleName(role) }))} />
      <Button type="submit" variant="secondary" busy={busy}>
        {t('admin.roles.save')}
      </Button>
    </form>
  );
}
