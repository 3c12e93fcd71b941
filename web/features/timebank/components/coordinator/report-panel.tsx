import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../../../components/button.tsx';
import { TextField } from '../../../../components/fields.tsx';
import { categoryName } from '../../../../components/labels.ts';
import { Notice } from '../../../../components/notice.tsx';
import { QueryView } from '../../../../components/query-view.tsx';
import { formatDate, formatNumber, t } from '../../../../i18n/index.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import type { CommunityReport } from '../../../../../common/ledger.ts';
import { reportCsvUrl, useTimebankReport } from '../../api/ledger.ts';
import { formatBalance, formatDuration } from '../../duration.ts';

const isDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');

/** The coordinators' report: hours exchanged by month, who takes part, top kinds of help, and the ledger's own check, each downloadable as CSV. */
export function ReportPanel() {
  const { communityId } = useActiveCommunity();
  const [params, setParams] = useSearchParams();
  const period = { from: isDate(params.get('from')), to: isDate(params.get('to')) };
  const report = useTimebankReport(communityId, period);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setParams(new URLSearchParams(Object.entries({ from: String(data.get('from') ?? ''), to: String(data.get('to') ?? '') }).filter(([, v]) => v)));
  };
  const csv = (section: Parameters<typeof reportCsvUrl>[2]) => (
    <p>
      <a href={reportCsvUrl(communityId, period, section)} download>
        {t('timebank.report.csv')}
      </a>
    </p>
  );
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{t('timebank.report.title')}</h2>
      <form className="filters" aria-label={t('timebank.report.period')} onSubmit={submit} key={params.toString()}>
        <TextField name="from" type="date" label={t('timebank.statement.from')} defaultValue={period.from} />
        <TextField name="to" type="date" label={t('timebank.statement.to')} defaultValue={period.to} />
        <Button type="submit">{t('timebank.statement.show')}</Button>
      </form>
      <QueryView query={report}>
        {(data) => (
          <>
            <Totals report={data} />
            <LedgerCheck ledger={data.ledger} />
            <h3>{t('timebank.report.monthsTitle')}</h3>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('timebank.report.monthsTitle')}>
              <table className="table">
                <caption>{t('timebank.report.monthsTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('timebank.report.month')}</th>
                    <th scope="col" className="num">{t('timebank.report.exchanges')}</th>
                    <th scope="col" className="num">{t('timebank.report.hours')}</th>
                    <th scope="col" className="num">{t('timebank.report.active')}</th>
                    <th scope="col" className="num">{t('timebank.report.firstTimers')}</th>
                    <th scope="col" className="num">{t('timebank.report.donated')}</th>
                    <th scope="col" className="num">{t('timebank.report.granted')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.months.map((month) => (
                    <tr key={month.month}>
                      <th scope="row">{formatDate(`${month.month.slice(0, 7)}-01`, { month: 'long', year: 'numeric' })}</th>
                      <td className="num">{formatNumber(month.exchanges)}</td>
                      <td className="num">{formatDuration(month.minutesExchanged)}</td>
                      <td className="num">{formatNumber(month.activeMembers)}</td>
                      <td className="num">{formatNumber(month.newMembersFirstExchange)}</td>
                      <td className="num">{formatDuration(month.minutesDonated)}</td>
                      <td className="num">{formatDuration(month.minutesGranted)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {data.months.length === 0 ? <p>{t('timebank.report.nothing')}</p> : null}
            {csv('months')}
            <h3>{t('timebank.report.categoriesTitle')}</h3>
            {data.topCategories.length === 0 ? (
              <p>{t('timebank.report.nothing')}</p>
            ) : (
              <ol>
                {data.topCategories.map((row) => (
                  <li key={row.category}>{t('timebank.report.categoryRow', { category: categoryName(row.category), count: row.exchanges, time: formatDuration(row.minutes) })}</li>
                ))}
              </ol>
            )}
            {csv('categories')}
            <People title={t('timebank.report.giveOnlyTitle')} lead={t('timebank.report.giveOnlyLead')} people={data.giveOnly} />
            {csv('give-only')}
            <People title={t('timebank.report.receiveOnlyTitle')} lead={t('timebank.report.receiveOnlyLead')} people={data.receiveOnly} />
            {csv('receive-only')}
          </>
        )}
      </QueryView>
    </section>
  );
}

function Totals({ report }: { report: CommunityReport }) {
  const items = [
    { value: formatNumber(report.totals.exchanges), label: t('timebank.report.exchanges') },
    { value: formatDuration(report.totals.minutesExchanged), label: t('timebank.report.hours') },
    { value: formatNumber(report.totals.activeMembers), label: t('timebank.report.active') },
    { value: formatDuration(report.totals.minutesDonated), label: t('timebank.report.donated') },
    { value: formatDuration(report.totals.minutesGranted), label: t('timebank.report.granted') },
    { value: formatNumber(report.totals.reversals), label: t('timebank.report.reversals') },
  ];
  return (
    <ul className="grid grid--3" aria-label={t('timebank.report.totals')}>
      {items.map((item) => (
        <li key={item.label} className="card">
          <span className="stat">{item.value}</span>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

function LedgerCheck({ ledger }: { ledger: CommunityReport['ledger'] }) {
  return ledger.balanced ? (
    <Notice tone="success" title={t('timebank.report.balancedTitle')}>
      <p>{t('timebank.report.balanced', { transactions: ledger.transactions, entries: ledger.entries, fund: formatBalance(ledger.fundBalance) })}</p>
    </Notice>
  ) : (
    <Notice tone="error" title={t('timebank.report.unbalancedTitle')}>
      <p>{t('timebank.report.unbalanced')}</p>
    </Notice>
  );
}

function People({ title, lead, people }: { title: string; lead: string; people: CommunityReport['giveOnly'] }) {
  return (
    <>
      <h3>{title}</h3>
      <p>{lead}</p>
      {people.length === 0 ? (
        <p>{t('timebank.report.nobody')}</p>
      ) : (
        <ul>
          {people.map((person) => (
            <li key={person.userId}>{t('timebank.report.personRow', { name: person.displayName, count: person.exchanges, time: formatDuration(person.minutes) })}</li>
          ))}
        </ul>
      )}
    </>
  );
}
