import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Select, TextArea, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { List, ListItem } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PagedQueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useSession } from '../../../lib/session.ts';
import type { AdminUser } from '../../../../common/admin.ts';
import { useAccountAction, useUsers, type UserFilter } from '../api.ts';

/** Every account: find a person, suspend or reinstate them, grant or remove administrator rights. */
export function PeoplePanel() {
  const [filter, setFilter] = useState<UserFilter>({ q: '', filter: 'all', page: 1 });
  const users = useUsers(filter);
  const [open, setOpen] = useState<string | null>(null);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setFilter({ q: String(data.get('q') ?? ''), filter: String(data.get('filter')) as UserFilter['filter'], page: 1 });
  };

  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">{t('admin.people.title')}</h2>
      <form className="search" onSubmit={search} role="search" aria-label={t('admin.people.search')}>
        <TextField name="q" type="search" label={t('admin.people.searchLabel')} defaultValue={filter.q} />
        <Select
          name="filter"
          label={t('admin.people.show')}
          defaultValue={filter.filter}
          options={[
            { value: 'all', label: t('admin.people.all') },
            { value: 'admins', label: t('admin.people.admins') },
            { value: 'suspended', label: t('admin.people.suspendedOnly') },
          ]}
        />
        <span />
        <Button type="submit" variant="secondary">
          {t('common.search')}
        </Button>
      </form>
      <PagedQueryView query={users} onPage={(page) => setFilter({ ...filter, page })} empty={<EmptyState title={t('admin.people.emptyTitle')}>{t('admin.people.empty')}</EmptyState>}>
        {(items) => (
          <List>
            {items.map((user) => (
              <ListItem
                key={user.id}
                actions={
                  <Button variant="secondary" aria-expanded={open === user.id} onClick={() => setOpen(open === user.id ? null : user.id)} aria-label={t('admin.people.manageNamed', { name: user.displayName })}>
                    {t('admin.people.manage')}
                  </Button>
                }
              >
                <h3>{user.displayName}</h3>
                <div className="badges">
                  {user.isAdmin ? <span className="badge badge--role">{t('admin.people.adminBadge')}</span> : null}
                  {user.suspendedAt ? <span className="badge badge--warning">{t('admin.people.suspendedBadge')}</span> : null}
                  {user.kind === 'organisation' ? <span className="badge badge--neutral">{t('roles.organisation')}</span> : null}
                </div>
                <p className="text-small text-muted">
                  {user.email ?? t('admin.people.noEmail')} · {t('admin.people.communities', { count: user.communityCount })} · {t('admin.people.joined', { date: formatDate(user.createdAt) })}
                </p>
                {open === user.id ? <AccountActions user={user} /> : null}
              </ListItem>
            ))}
          </List>
        )}
      </PagedQueryView>
    </section>
  );
}

function AccountActions({ user }: { user: AdminUser }) {
  const action = useAccountAction();
  const { data: session } = useSession();
  const self = session?.user?.id === user.id;
  const suspended = user.suspendedAt !== null;
  return (
    <div className="panel">
      {user.suspensionReason ? <p>{t('admin.people.reason', { reason: user.suspensionReason })}</p> : null}
      {action.isSuccess ? (
        <Notice tone="success">
          <p>{t('admin.people.saved')}</p>
        </Notice>
      ) : null}
      {self ? (
        <p className="text-muted">{t('admin.people.self')}</p>
      ) : (
        <>
          <Form
            label={t('admin.people.actionsFor', { name: user.displayName })}
            submitLabel={suspended ? t('admin.people.reinstate') : t('admin.people.suspend')}
            submitVariant={suspended ? 'primary' : 'danger'}
            busy={action.isPending}
            error={action.error}
            onSubmit={(form) => action.mutate({ userId: user.id, action: suspended ? 'reinstate' : 'suspend', reason: form.text('reason') })}
          >
            <TextArea name="reason" id={`account-reason-${user.id}`} label={t('admin.people.reasonLabel')} hint={t('admin.people.reasonHint')} optional={suspended} rows={2} error={fieldError(action.error, 'reason')} />
          </Form>
          <div className="button-row">
            <Button variant="secondary" busy={action.isPending} onClick={() => action.mutate({ userId: user.id, action: user.isAdmin ? 'remove-admin' : 'make-admin', reason: '' })}>
              {user.isAdmin ? t('admin.people.removeAdmin') : t('admin.people.makeAdmin')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
