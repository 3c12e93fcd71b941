import { Link } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { List, ListItem } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import { useDecideJoinRequest, useJoinRequests } from '../api.ts';

/** Pending requests to join, each approved or declined with one press. */
export function JoinRequestsPanel() {
  const { communityId } = useActiveCommunity();
  const requests = useJoinRequests(communityId);
  const decide = useDecideJoinRequest(communityId);
  const decided = decide.isSuccess ? decide.variables : null;

  return (
    <section aria-labelledby="join-requests-heading">
      <h2 id="join-requests-heading">{t('coordinator.joinRequests.title')}</h2>
      {decided ? (
        <Notice tone="success">
          <p>
            {decided.decision === 'approve' ? t('coordinator.joinRequests.approved') : t('coordinator.joinRequests.declined')}{' '}
            {decided.decision === 'approve' ? <Link to="/coordinator/members">{t('coordinator.joinRequests.checkNext')}</Link> : null}
          </p>
        </Notice>
      ) : null}
      {decide.isError ? <ErrorState error={decide.error} /> : null}
      <QueryView query={requests}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('coordinator.joinRequests.emptyTitle')}>{t('coordinator.joinRequests.empty')}</EmptyState>
          ) : (
            <List>
              {list.map((request) => {
                const busy = decide.isPending && decide.variables?.requestId === request.id;
                return (
                  <ListItem
                    key={request.id}
                    actions={
                      <>
                        <Button busy={busy} onClick={() => decide.mutate({ requestId: request.id, decision: 'approve' })} aria-label={t('coordinator.joinRequests.approveNamed', { name: request.displayName })}>
                          {t('coordinator.joinRequests.approve')}
                        </Button>
                        <Button variant="secondary" busy={busy} onClick={() => decide.mutate({ requestId: request.id, decision: 'decline' })} aria-label={t('coordinator.joinRequests.declineNamed', { name: request.displayName })}>
                          {t('coordinator.joinRequests.decline')}
                        </Button>
                      </>
                    }
                  >
                    <h3>{request.displayName}</h3>
                    <p className="text-small text-muted">{t('coordinator.joinRequests.asked', { date: formatDate(request.createdAt) })}</p>
                    {request.message ? <p>“{request.message}”</p> : <p className="text-muted">{t('coordinator.joinRequests.noMessage')}</p>}
                  </ListItem>
                );
              })}
            </List>
          )
        }
      </QueryView>
    </section>
  );
}
