// The charts of network measures month by month, shared by the coordinators' dashboard and the
// council's view (which passes months whose small counts are null).
import { useMemo } from 'react';
import { formatDate, t } from '../../../i18n/index.ts';
import { TrendChart, type Series } from './trend-chart.tsx';

/** The fields both views have, month by month; counts may be null (hidden) in the council's. */
export type ChartMonth = {
  month: string;
  members: number | null;
  isolated: number | null;
  singleTie: number | null;
  newTies: number | null;
  newTiesAcrossAreas: number | null;
  communities: number | null;
  reciprocity: number | null;
  transitivity: number | null;
  areaBridgingShare: number | null;
  areaEiIndex: number | null;
  communityEiIndex: number | null;
  modularity: number | null;
};

const monthLabel = (month: string) => formatDate(`${month}-15`, { month: 'short', year: 'numeric' });
const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** Six charts: isolation, new ties, how ties hold together, bonding and bridging, groups, ties per member. */
export function MeasureCharts({ months, degrees }: { months: ChartMonth[]; degrees: { label: string; members: number | null }[] }) {
  const labels = useMemo(() => months.map((m) => monthLabel(m.month)), [months]);
  const pick = (name: string, value: (m: ChartMonth) => number | null): Series => ({ name, values: months.map(value) });
  const isolation = useMemo(() => [pick(t('trust.measure.isolated'), (m) => m.isolated), pick(t('trust.measure.singleTie'), (m) => m.singleTie)], [months]);
  const formed = useMemo(() => [
    pick(t('trust.measure.newWithin'), (m) => minus(m.newTies, m.newTiesAcrossAreas)),
    pick(t('trust.measure.newAcross'), (m) => m.newTiesAcrossAreas),
  ], [months]);
  const holding = useMemo(() => [
    pick(t('trust.measure.reciprocity'), (m) => m.reciprocity),
    pick(t('trust.measure.clustering'), (m) => m.transitivity),
    pick(t('trust.measure.bridging'), (m) => m.areaBridgingShare),
  ], [months]);
  const ei = useMemo(() => [
    pick(t('trust.measure.eiArea'), (m) => m.areaEiIndex),
    pick(t('trust.measure.eiCommunity'), (m) => m.communityEiIndex),
    pick(t('trust.measure.modularity'), (m) => m.modularity),
  ], [months]);
  const groups = useMemo(() => [pick(t('trust.measure.communities'), (m) => m.communities)], [months]);
  const degreeLabels = useMemo(() => degrees.map((d) => d.label), [degrees]);
  const degreeSeries = useMemo(() => [{ name: t('trust.measure.members'), values: degrees.map((d) => d.members) }], [degrees]);
  const latest = months.at(-1);

  return (
    <div className="trust-charts">
      <TrendChart title={t('trust.chart.isolationTitle')} summary={t('trust.chart.isolationSummary', { isolated: latest?.isolated ?? t('trust.chart.hidden'), single: latest?.singleTie ?? t('trust.chart.hidden') })} labels={labels} series={isolation} />
      <TrendChart title={t('trust.chart.newTiesTitle')} summary={t('trust.chart.newTiesSummary', { count: latest?.newTies ?? 0 })} labels={labels} series={formed} kind="bar" stacked />
      <TrendChart title={t('trust.chart.holdingTitle')} summary={t('trust.chart.holdingSummary')} labels={labels} series={holding} percent />
      <TrendChart title={t('trust.chart.eiTitle')} summary={t('trust.chart.eiSummary')} labels={labels} series={ei} />
      <TrendChart title={t('trust.chart.groupsTitle')} summary={t('trust.chart.groupsSummary', { count: latest?.communities ?? 0 })} labels={labels} series={groups} kind="bar" />
      <TrendChart title={t('trust.chart.degreeTitle')} summary={t('trust.chart.degreeSummary')} labels={degreeLabels} series={degreeSeries} kind="bar" />
    </div>
  );
}
