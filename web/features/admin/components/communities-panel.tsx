import { Link } from 'react-router';
import { Card } from '../../../components/card.tsx';
import { CommunityFields, readCommunity } from '../../../components/community-fields.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Form } from '../../../components/form.tsx';
import { Notice } from '../../../components/notice.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { useAdminCommunities, useCreateCommunity } from '../api.ts';

/** The communities on this Kith, and a form to start a new one. */
export function CommunitiesPanel() {
  const communities = useAdminCommunities();
  const create = useCreateCommunity();
  return (
    <>
      <section aria-labelledby="communities-heading">
        <h2 id="communities-heading">{t('admin.communities.title')}</h2>
        <QueryView query={communities}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={t('admin.communities.emptyTitle')}>{t('admin.communities.empty')}</EmptyState>
            ) : (
              <ul className="grid grid--2">
                {list.map((community) => (
                  <Card key={community.id} as="li" headingLevel={3} title={community.name} meta={t('admin.communities.started', { date: formatDate(community.createdAt), slug: community.slug })}>
                    <p>{t('admin.communities.counts', { members: community.memberCount, coordinators: community.coordinatorCount, officers: community.officerCount })}</p>
                    <Link to={`/admin/communities/${community.id}`}>{t('admin.communities.roles', { name: community.name })}</Link>
                  </Card>
                ))}
              </ul>
            )
          }
        </QueryView>
      </section>
      <section aria-labelledby="new-community-heading">
        <h2 id="new-community-heading">{t('admin.communities.newTitle')}</h2>
        <p>{t('admin.communities.newLead')}</p>
        {create.isSuccess ? (
          <Notice tone="success">
            <p>{t('admin.communities.created', { name: create.data.name })}</p>
          </Notice>
        ) : null}
        <Form label={t('admin.communities.newTitle')} submitLabel={t('admin.communities.create')} busy={create.isPending} error={create.error} onSubmit={(form, element) => create.mutate(readCommunity(form), { onSuccess: () => element.reset() })}>
          {(error) => <CommunityFields error={error} />}
        </Form>
      </section>
    </>
  );
}
