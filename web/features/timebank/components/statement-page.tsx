import { useId, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { Select, TextField } from '../../../components/fields.tsx';
import { SummaryList } from '../../../components/list.tsx';
import { Loading } from '../../../components/loading.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { formatDate, formatNumber, t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { useActiveCommunity, useSession } from '../../../lib/session.ts';
import type { Statement, StatementEntry, StatementTotals } from '../../../../common/ledger.ts';
import { useMyOrganisations } from '../api/listings.ts';
import { statementCsvUrl, useStatement, useStatementTotals, type StatementFilter } from '../api/ledger.ts';
import { formatBalance, formatDuration, formatSignedDuration } from '../duration.ts';
import { TimebankNav } from './timebank-nav.tsx';

const isDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');

/** A member's balance and statement: filter by dates, load older entries, download as CSV. */
export function StatementPage() {
  const { communityId } = useActiveCommunity();
  const { data: session } = useSession();
  const organisations = useMyOrganisations(communityId, session?.user?.id);
  const [params, setParams] = useSearchParams();
  const filter: StatementFilter = { userId: params.get('userId') ?? '', from: isDate(params.get('from')), to: isDate(params.get('to')) };
  const statement = useStatement(communityId, filter);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const entries = Object.entries({ userId: String(data.get('userId') ?? filter.userId), from: String(data.get('from') ?? ''), to: String(data.get('to') ?? '') }).filter(([, v]) => v);
    setParams(new URLSearchParams(entries));
  };

  const first = statement.data?.pages[0];
  const entries = statement.data?.pages.flatMap((page) => page.entries) ?? [];
  const own = !first || first.account.userId === session?.user?.id;
  return (
    <>
      <PageHeader title={own ? t('timebank.statement.title') : t('timebank.statement.titleOf', { name: first.account.displayName })} lead={t('timebank.statement.lead')} />
      <TimebankNav />
      {statement.isPending ? <Loading label={t('timebank.statement.loading')} /> : null}
      {statement.isError ? <ErrorState error={statement.error} onRetry={() => void statement.refetch()} /> : null}
      {first ? <Account account={first.account} /> : null}
      <form className="filters" aria-label={t('timebank.statement.filterLabel')} onSubmit={submit} key={params.toString()}>
        {organisations.data && organisations.data.length > 0 ? (
          <Select
            name="userId"
            label={t('timebank.statement.whose')}
            defaultValue={filter.userId}
            options={[{ value: '', label: t('timebank.statement.mine') }, ...organisations.data.map((org) => ({ value: org.id, label: org.name }))]}
          />
        ) : null}
        <TextField name="from" type="date" label={t('timebank.statement.from')} defaultValue={filter.from} />
        <TextField name="to" type="date" label={t('timebank.statement.to')} defaultValue={filter.to} />
        <Button type="submit">{t('timebank.statement.show')}</Button>
      </form>
      {filter.from || filter.to ? <PeriodTotals communityId={communityId} filter={filter} /> : null}
      <p>
        <a href={statementCsvUrl(communityId, filter)} download>
          {t('timebank.statement.csv')}
        </a>
      </p>
      {first && entries.length === 0 ? (
        <EmptyState title={t('timebank.statement.emptyTitle')}>{filter.from || filter.to ? t('timebank.statement.emptyFiltered') : t('timebank.statement.empty')}</EmptyState>
      ) : null}
      {entries.length > 0 && first ? <EntriesTable entries={entries} showBalance={first.account.balance !== null} caption={t('timebank.statement.caption')} /> : null}
      {statement.hasNextPage ? (
        <Button variant="secondary" busy={statement.isFetchingNextPage} onClick={() => void statement.fetchNextPage()}>
          {t('timebank.statement.older')}
        </Button>
      ) : null}
    </>
  );
}

function Account({ account }: { account: Statement['account'] }) {
  return (
    <ul className="grid grid--3" aria-label={t('timebank.statement.summary')}>
      {account.balance !== null ? (
        <li className="card">
          <span className="stat" data-testid="balance">{formatBalance(account.balance)}</span>
          {t('timebank.statement.balance')}
          {account.limits ? <p className="text-small text-muted">{t('timebank.statement.limits', { debit: formatDuration(account.limits.maxDebitMinutes), credit: formatDuration(account.limits.maxCreditMinutes) })}</p> : null}
        </li>
      ) : (
        <li className="card">
          <p>{t('timebank.statement.participation')}</p>
        </li>
      )}
      <li className="card">
        <span className="stat">{formatDuration(account.givenMinutes)}</span>
        {t('timebank.statement.given')}
      </li>
      <li className="card">
        <span className="stat">{formatDuration(account.receivedMinutes)}</span>
        {t('timebank.statement.received')}
      </li>
    </ul>
  );
}

const day = (iso: string) => formatDate(iso);

/** The chosen period in words: "1 to 28 February 2026", "from 1 February 2026", "up to 28 February 2026". */
function periodName(from: string, to: string): string {
  if (from && to) return t('timebank.statement.periodBetween', { from: day(from), to: day(to) });
  return from ? t('timebank.statement.periodFrom', { from: day(from) }) : t('timebank.statement.periodTo', { to: day(to) });
}

/** What the chosen period adds up to, worked out by the server from the ledger itself. */
function PeriodTotals({ communityId, filter }: { communityId: string; filter: StatementFilter }) {
  const totals = useStatementTotals(communityId, filter);
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid="period-totals">
      <h2 className="card__title" id={headingId}>
        {t('timebank.statement.periodTitle', { period: periodName(filter.from, filter.to) })}
      </h2>
      {totals.isPending ? <Loading label={t('timebank.statement.periodLoading')} /> : null}
      {totals.isError && totals.error instanceof ApiError && totals.error.status === 400 ? (
        <Notice tone="warning">
          <p>{totals.error.message}</p>
        </Notice>
      ) : totals.isError ? (
        <ErrorState error={totals.error} onRetry={() => void totals.refetch()} />
      ) : null}
      {totals.data ? <PeriodFigures totals={totals.data} /> : null}
    </section>
  );
}

function PeriodFigures({ totals }: { totals: StatementTotals }) {
  const items = [
    ...(totals.openingBalance !== null && totals.closingBalance !== null
      ? [
          { label: t('timebank.statement.opening'), value: <span data-testid="period-opening">{formatBalance(totals.openingBalance)}</span> },
          { label: t('timebank.statement.closing'), value: <span data-testid="period-closing">{formatBalance(totals.closingBalance)}</span> },
        ]
      : []),
    { label: t('timebank.statement.periodGiven'), value: <span data-testid="period-given">{formatDuration(totals.givenMinutes)}</span> },
    { label: t('timebank.statement.periodReceived'), value: <span data-testid="period-received">{formatDuration(totals.receivedMinutes)}</span> },
    { label: t('timebank.statement.periodIn'), value: formatSignedDuration(totals.minutesIn) },
    { label: t('timebank.statement.periodOut'), value: formatSignedDuration(-totals.minutesOut) },
    { label: t('timebank.statement.periodLines'), value: formatNumber(totals.entries) },
  ];
  return (
    <>
      <SummaryList items={items} />
      <p className="text-small text-muted">{t('timebank.statement.periodNote')}</p>
    </>
  );
}

/** Ledger entries as a table: date, what, with whom, hours in or out and the balance after. */
export function EntriesTable({ entries, showBalance, caption }: { entries: StatementEntry[]; showBalance: boolean; caption: string }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('timebank.statement.date')}</th>
            <th scope="col">{t('timebank.statement.what')}</th>
            <th scope="col">{t('timebank.statement.with')}</th>
            <th scope="col" className="num">{t('timebank.statement.amount')}</th>
            {showBalance ? <th scope="col" className="num">{t('timebank.statement.after')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDate(entry.postedAt, { day: 'numeric', month: 'short', year: 'numeric' })}</td>
              <td>
                {entry.exchangeId ? <Link to={`/timebank/exchanges/${entry.exchangeId}`}>{entry.description}</Link> : entry.description}
                {entry.reversedBy ? <> <span className="badge badge--warning">{t('timebank.statement.reversed')}</span></> : null}
              </td>
              <td>{entry.counterparty}</td>
              <td className="num">
                <span className={entry.amount > 0 ? 'amount--in' : 'amount--out'}>{formatSignedDuration(entry.amount)}</span>
              </td>
              {showBalance ? <td className="num">{entry.balanceAfter === null ? '' : formatBalance(entry.balanceAfter)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
