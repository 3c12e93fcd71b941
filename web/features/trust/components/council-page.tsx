// The council's view of connection in a neighbourhood: the same measures as the coordinators'
// dashboard, as aggregates only. No names, and no figure about fewer than 5 people.
import { useMemo } from 'react';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatNumber, t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { Council } from '../../../../common/trust.ts';
import { useCouncil } from '../api.ts';
import { LazyMeasureCharts as MeasureCharts } from './lazy-charts.tsx';
import type { ChartMonth } from './measure-charts.tsx';
import { SurveyResults } from './survey-results.tsx';
import { SurveyTrend } from './survey-trend.tsx';
import '../trust.css';

const show = (value: number | null, percent = false) =>
  value === null ? t('trust.chart.hidden') : percent ? `${formatNumber(Math.round(value * 100))}%` : formatNumber(Math.round(value * 100) / 100);

function Areas({ data }: { data: Council }) {
  return (
    <Card title={t('trust.council.areasTitle')}>
      <p className="text-small text-muted">{t('trust.council.areasLead')}</p>
      <div className="trust-table-wrap">
        <table className="trust-table">
          <caption className="visually-hidden">{t('trust.council.areasTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trust.map.area')}</th>
              <th scope="col">{t('trust.map.members')}</th>
              <th scope="col">{t('trust.measure.bridging')}</th>
              <th scope="col">{t('trust.measure.eiArea')}</th>
            </tr>
          </thead>
          <tbody>
            {data.areas.map((a) => (
              <tr key={a.group}>
                <th scope="row">{a.group}</th>
                <td>{show(a.members)}</td>
                <td>{show(a.bridgingShare, true)}</td>
                <td>{show(a.eiIndex)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function CouncilBody({ communityId, data }: { communityId: string; data: Council }) {
  const months = useMemo<ChartMonth[]>(() => data.months.map((m) => ({ ...m })), [data.months]);
  return (
    <>
      <h2>{t('trust.dashboard.trendsTitle')}</h2>
      <MeasureCharts months={months} degrees={data.degreeDistribution} />
      {data.areas.length > 0 ? <Areas data={data} /> : null}
      <h2>{t('trust.survey.title')}</h2>
      <SurveyResults results={data.survey} national={data.national} />
      <SurveyTrend communityId={communityId} national={data.national} />
    </>
  );
}

/** The council view page (council officers and coordinators). */
export function CouncilPage() {
  const { communityId, name } = useActiveCommunity();
  const council = useCouncil(communityId);
  return (
    <>
      <PageHeader title={t('trust.council.title', { name })} lead={t('trust.council.lead')} />
      <QueryView query={council}>
        {(data) => (data.months.length === 0 ? <EmptyState title={t('trust.dashboard.emptyTitle')}>{t('trust.council.empty')}</EmptyState> : <CouncilBody communityId={communityId} data={data} />)}
      </QueryView>
    </>
  );
}
