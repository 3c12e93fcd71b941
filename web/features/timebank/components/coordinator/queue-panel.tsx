import { Link } from 'react-router';
import { EmptyState } from '../../../../components/empty-state.tsx';
import { QueryView } from '../../../../components/query-view.tsx';
import { formatDate, t } from '../../../../i18n/index.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import type { Exchange } from '../../../../../common/exchanges.ts';
import { useExchangeQueue } from '../../api/exchanges.ts';
import { formatDuration } from '../../duration.ts';
import { statusName } from '../../labels.ts';

/** Exchanges waiting for a coordinator: approvals before the work, disputes to resolve, and automatic confirmations that were held. */
export function QueuePanel() {
  const { communityId } = useActiveCommunity();
  const queue = useExchangeQueue(communityId);
  return (
    <QueryView query={queue}>
      {(data) => (
        <>
          <section aria-labelledby="approvals-heading">
            <h2 id="approvals-heading">{t('timebank.queue.approvalsTitle', { count: data.approvals.length })}</h2>
            <p>{t('timebank.queue.approvalsLead')}</p>
            {data.approvals.length === 0 ? <EmptyState title={t('timebank.queue.noApprovals')} /> : <QueueList items={data.approvals} label={t('timebank.queue.approvalsTitle', { count: data.approvals.length })} />}
          </section>
          <section aria-labelledby="disputes-heading">
            <h2 id="disputes-heading">{t('timebank.queue.disputesTitle', { count: data.disputes.length })}</h2>
            <p>{t('timebank.queue.disputesLead')}</p>
            {data.disputes.length === 0 ? <EmptyState title={t('timebank.queue.noDisputes')} /> : <QueueList items={data.disputes} label={t('timebank.queue.disputesTitle', { count: data.disputes.length })} />}
          </section>
          <section aria-labelledby="held-heading">
            <h2 id="held-heading">{t('timebank.queue.heldTitle', { count: data.held.length })}</h2>
            <p>{t('timebank.queue.heldLead')}</p>
            {data.held.length === 0 ? <EmptyState title={t('timebank.queue.noHeld')} /> : <QueueList items={data.held} label={t('timebank.queue.heldTitle', { count: data.held.length })} />}
          </section>
        </>
      )}
    </QueryView>
  );
}

function QueueList({ items, label }: { items: Exchange[]; label: string }) {
  return (
    <ul className="list" aria-label={label}>
      {items.map((exchange) => (
        <li key={exchange.id} className="list__item">
          <div className="list__main">
            <p>
              <Link to={`/timebank/exchanges/${exchange.id}`}>
                <strong>{t('timebank.exchange.titleCoordinator', { skill: exchange.skill.label, helper: exchange.provider.displayName, helped: exchange.receiver.displayName })}</strong>
              </Link>
            </p>
            <p className="text-small text-muted">
              {statusName(exchange.status)}
              {exchange.recordedMinutes !== null ? ` · ${t('timebank.queue.recorded', { time: formatDuration(exchange.recordedMinutes) })}` : ''}
              {' · '}
              {t('timebank.exchanges.updated', { date: formatDate(exchange.updatedAt) })}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
