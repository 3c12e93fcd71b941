import { Link } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import { useMarkRead, useNotifications } from '../api/listings.ts';
import { TimebankNav } from './timebank-nav.tsx';

/** Messages from the time bank: new requests that match your skills, and steps in your exchanges. */
export function MessagesPage() {
  const { communityId } = useActiveCommunity();
  const messages = useNotifications(communityId);
  const markRead = useMarkRead(communityId);
  return (
    <>
      <PageHeader title={t('timebank.messages.title')} lead={t('timebank.messages.lead')} />
      <TimebankNav />
      {markRead.isError ? <ErrorState error={markRead.error} /> : null}
      <QueryView query={messages}>
        {(data) =>
          data.notifications.length === 0 ? (
            <EmptyState title={t('timebank.messages.emptyTitle')}>{t('timebank.messages.empty')}</EmptyState>
          ) : (
            <>
              <p role="status">{t('timebank.messages.unread', { count: data.unread })}</p>
              {data.unread > 0 ? (
                <Button variant="secondary" busy={markRead.isPending} onClick={() => markRead.mutate(undefined)}>
                  {t('timebank.messages.markAll')}
                </Button>
              ) : null}
              <ul className="list" aria-label={t('timebank.messages.title')}>
                {data.notifications.map((message) => (
                  <li key={message.id} className="list__item">
                    <div className="list__main">
                      <p>
                        {message.readAt ? null : <span className="badge badge--warning">{t('timebank.messages.new')}</span>}{' '}
                        <Link to={message.link} onClick={() => (message.readAt ? undefined : markRead.mutate([message.id]))}>
                          <strong>{message.title}</strong>
                        </Link>
                      </p>
                      {message.body ? <p>{message.body}</p> : null}
                      <p className="text-small text-muted">
                        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryView>
    </>
  );
}
