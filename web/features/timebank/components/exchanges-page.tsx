import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Select } from '../../../components/fields.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { Exchange, ExchangeCounts, ExchangeStatus } from '../../../../common/exchanges.ts';
import { EXCHANGES_PAGE_SIZE, useExchangeCounts, useExchanges, type ExchangeFilter } from '../api/exchanges.ts';
import { formatDuration } from '../duration.ts';
import { EXCHANGE_STATUSES, nextTodo, statusName, statusTone } from '../labels.ts';
import { TimebankNav } from './timebank-nav.tsx';

/** The signed-in person's exchanges, with what waits for them on each. */
export function ExchangesPage() {
  const { communityId } = useActiveCommunity();
  const [params, setParams] = useSearchParams();
  const filter: ExchangeFilter = {
    status: (EXCHANGE_STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as ExchangeStatus) : '',
    role: params.get('role') === 'provider' || params.get('role') === 'receiver' ? (params.get('role') as 'provider' | 'receiver') : 'any',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const exchanges = useExchanges(communityId, filter);
  const counts = useExchangeCounts(communityId, filter.role);

  const update = (next: Partial<ExchangeFilter>) => {
    const merged = { ...filter, ...next };
    const entries = Object.entries({ status: merged.status, role: merged.role === 'any' ? '' : merged.role, page: merged.page > 1 ? String(merged.page) : '' }).filter(([, value]) => value);
    setParams(new URLSearchParams(entries as [string, string][]));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    update({ status: String(data.get('status') ?? '') as ExchangeFilter['status'], role: String(data.get('role') ?? 'any') as ExchangeFilter['role'], page: 1 });
  };

  return (
    <>
      <PageHeader title={t('timebank.exchanges.title')} lead={t('timebank.exchanges.lead')} />
      <TimebankNav />
      <form className="filters" aria-label={t('timebank.exchanges.filterLabel')} onSubmit={submit} key={params.toString()}>
        <Select name="status" label={t('timebank.exchanges.status')} defaultValue={filter.status} options={[{ value: '', label: t('timebank.exchanges.anyStatus') }, ...EXCHANGE_STATUSES.map((s) => ({ value: s, label: statusName(s) }))]} />
        <Select
          name="role"
          label={t('timebank.exchanges.role')}
          defaultValue={filter.role}
          options={[
            { value: 'any', label: t('timebank.exchanges.roleAny') },
            { value: 'provider', label: t('timebank.exchanges.roleProvider') },
            { value: 'receiver', label: t('timebank.exchanges.roleReceiver') },
          ]}
        />
        <Button type="submit">{t('timebank.exchanges.show')}</Button>
      </form>
      {counts.data && counts.data.total > 0 ? <StatusCounts counts={counts.data} filter={filter} /> : null}
      <QueryView query={exchanges} loadingLabel={t('timebank.exchanges.loading')}>
        {(list) => {
          const page = list.slice(0, EXCHANGES_PAGE_SIZE);
          const more = list.length > EXCHANGES_PAGE_SIZE;
          return page.length === 0 ? (
            <EmptyState title={t('timebank.exchanges.emptyTitle')} action={<ButtonLink to="/timebank">{t('timebank.exchanges.browse')}</ButtonLink>}>
              {t('timebank.exchanges.empty')}
            </EmptyState>
          ) : (
            <>
              <ul className="list" aria-label={t('timebank.exchanges.title')}>
                {page.map((exchange) => (
                  <ExchangeRow key={exchange.id} exchange={exchange} />
                ))}
              </ul>
              {filter.page > 1 || more ? (
                <nav className="pager" aria-label={t('pager.label')}>
                  <Button variant="secondary" disabled={filter.page <= 1} onClick={() => update({ page: filter.page - 1 })}>
                    {t('timebank.exchanges.newer')}
                  </Button>
                  <Button variant="secondary" disabled={!more} onClick={() => update({ page: filter.page + 1 })}>
                    {t('timebank.exchanges.older')}
                  </Button>
                </nav>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </>
  );
}

/** How many exchanges are in each status, each a link that shows just those; the one shown is marked. */
function StatusCounts({ counts, filter }: { counts: ExchangeCounts; filter: ExchangeFilter }) {
  const link = (status: ExchangeStatus | '') => `?${new URLSearchParams(Object.entries({ status, role: filter.role === 'any' ? '' : filter.role }).filter(([, value]) => value))}`;
  const items = [
    { status: '' as const, label: t('timebank.exchanges.countAll', { count: counts.total }) },
    ...EXCHANGE_STATUSES.filter((s) => counts.byStatus[s] > 0).map((s) => ({ status: s, label: t('timebank.exchanges.countStatus', { status: statusName(s), count: counts.byStatus[s] }) })),
  ];
  return (
    <nav className="status-counts" aria-label={t('timebank.exchanges.countsLabel')} data-testid="exchange-counts">
      <ul>
        {items.map((item) => (
          <li key={item.status || 'all'}>
            <Link to={link(item.status)} aria-current={filter.status === item.status ? 'true' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ExchangeRow({ exchange }: { exchange: Exchange }) {
  const other = exchange.viewerRole === 'provider' ? exchange.receiver : exchange.provider;
  const todo = nextTodo(exchange.allowedActions);
  const minutes = exchange.confirmedMinutes ?? exchange.recordedMinutes ?? exchange.proposedMinutes;
  return (
    <li className="list__item">
      <div className="list__main">
        <p>
          <Link to={`/timebank/exchanges/${exchange.id}`}>
            <strong>
              {exchange.viewerRole === 'coordinator'
                ? t('timebank.exchange.titleCoordinator', { skill: exchange.skill.label, helper: exchange.provider.displayName, helped: exchange.receiver.displayName })
                : t('timebank.exchange.title', { skill: exchange.skill.label, name: other.displayName })}
            </strong>
          </Link>
        </p>
        <div className="badges">
          <span className={`badge ${statusTone(exchange.status)}`}>{statusName(exchange.status)}</span>
          {todo ? <span className="badge badge--warning">{t('timebank.exchanges.yourTurn', { todo })}</span> : null}
        </div>
        <p className="text-small text-muted">
          {exchange.viewerRole === 'provider' ? t('timebank.exchanges.youHelped') : exchange.viewerRole === 'receiver' ? t('timebank.exchanges.theyHelped') : ''}
          {minutes !== null ? `${exchange.viewerRole === 'coordinator' ? '' : ' · '}${formatDuration(minutes)}` : ''}
          {' · '}
          {t('timebank.exchanges.updated', { date: formatDate(exchange.updatedAt) })}
        </p>
      </div>
    </li>
  );
}
