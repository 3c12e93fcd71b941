// The trust survey over time: every closed survey's results in one table, oldest first, with
// England's figure beside them, and a chart of the same when there are two or more. Open
// surveys are left out: their answers are not shown until they close.
import { useMemo } from 'react';
import { Card } from '../../../components/card.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, formatNumber, t } from '../../../i18n/index.ts';
import type { SurveyResults } from '../../../../common/trust.ts';
import { useSurveys } from '../api.ts';
import { LazySurveyTrendChart } from './lazy-charts.tsx';
import type { SurveyPoint } from './survey-trend-chart.tsx';

type National = { generalisedMostPeopleShare: number; source: string };

const percent = (share: number | null) => (share === null ? t('trust.chart.hidden') : `${formatNumber(Math.round(share * 100))}%`);

/** Closed surveys oldest first, each with a label unique among them for the chart's axis. */
function closedSurveys(surveys: readonly SurveyResults[]): (SurveyResults & SurveyPoint)[] {
  const closed = surveys.filter((s) => !s.survey.open && s.survey.closedAt).sort((a, b) => a.survey.closedAt!.localeCompare(b.survey.closedAt!));
  const seen = new Map<string, number>();
  return closed.map((s) => {
    const date = formatDate(s.survey.closedAt!, { day: 'numeric', month: 'short', year: 'numeric' });
    const n = (seen.get(date) ?? 0) + 1;
    seen.set(date, n);
    return { ...s, label: n === 1 ? date : `${date} (${n})`, mostPeopleShare: s.generalised.mostPeopleShare, manyOrSomeShare: s.neighbourhood.manyOrSomeShare };
  });
}

function TrendTable({ surveys, national }: { surveys: readonly SurveyResults[]; national: National }) {
  const rows = useMemo(() => closedSurveys(surveys), [surveys]);
  if (rows.length === 0) return <p>{t('trust.trend.none')}</p>;
  return (
    <>
      {rows.length >= 2 ? <LazySurveyTrendChart points={rows} national={national} /> : null}
      <div className="trust-table-wrap">
        <table className="trust-table">
          <caption>{t('trust.trend.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trust.trend.survey')}</th>
              <th scope="col">{t('trust.trend.closed')}</th>
              <th scope="col">{t('trust.trend.answered')}</th>
              <th scope="col">{t('trust.trend.mostPeople')}</th>
              <th scope="col">{t('trust.trend.england', { source: national.source })}</th>
              <th scope="col">{t('trust.trend.neighbours')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.survey.id}>
                <th scope="row">{r.survey.title}</th>
                <td>{r.label}</td>
                <td>{r.responses === null ? t('trust.survey.fewer') : formatNumber(r.responses)}</td>
                <td>{percent(r.mostPeopleShare)}</td>
                <td>{percent(national.generalisedMostPeopleShare)}</td>
                <td>{percent(r.manyOrSomeShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The survey over time, for the coordinators' dashboard and the council's view. */
export function SurveyTrend({ communityId, national }: { communityId: string; national: National }) {
  const surveys = useSurveys(communityId);
  return (
    <Card title={t('trust.trend.title')}>
      <p className="text-small text-muted">{t('trust.trend.lead')}</p>
      <QueryView query={surveys}>{(list) => <TrendTable surveys={list} national={national} />}</QueryView>
      <p className="text-small text-muted">{t('trust.survey.privacy')}</p>
    </Card>
  );
}
