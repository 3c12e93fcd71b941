// The trust survey over time as a chart: the share here who say most people can be trusted
// and who trust many or some neighbours, survey by survey, beside England's figure. Loaded
// lazily with the other charts; the table in survey-trend.tsx says the same in words.
import { useMemo } from 'react';
import { formatNumber, t } from '../../../i18n/index.ts';
import { TrendChart } from './trend-chart.tsx';

export type SurveyPoint = { label: string; mostPeopleShare: number | null; manyOrSomeShare: number | null };

const percent = (share: number | null) => (share === null ? t('trust.chart.hidden') : `${formatNumber(Math.round(share * 100))}%`);

/** One line per question, and England's figure as a flat line to compare with. */
export function SurveyTrendChart({ points, national }: { points: SurveyPoint[]; national: { generalisedMostPeopleShare: number; source: string } }) {
  const labels = useMemo(() => points.map((p) => p.label), [points]);
  const series = useMemo(() => [
    { name: t('trust.trend.seriesHere'), values: points.map((p) => p.mostPeopleShare) },
    { name: t('trust.trend.seriesEngland'), values: points.map(() => national.generalisedMostPeopleShare) },
    { name: t('trust.trend.seriesNeighbours'), values: points.map((p) => p.manyOrSomeShare) },
  ], [points, national.generalisedMostPeopleShare]);
  const latest = points.at(-1);
  return (
    <TrendChart
      title={t('trust.trend.chartTitle')}
      summary={t('trust.trend.chartSummary', { share: percent(national.generalisedMostPeopleShare), latest: latest ? `${percent(latest.mostPeopleShare)}, ${percent(latest.manyOrSomeShare)}` : '' })}
      labels={labels}
      series={series}
      percent
    />
  );
}
