// The chart and map libraries (ECharts, sigma.js, graphology) are large and only coordinators
// and officers need them, so they load on their pages, not with the rest of the app.
import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../../../components/loading.tsx';
import { t } from '../../../i18n/index.ts';
import type { MeasureCharts as Charts } from './measure-charts.tsx';
import type { NetworkMap as Map } from './network-map.tsx';
import type { SurveyTrendChart as SurveyChart } from './survey-trend-chart.tsx';

const ChartsModule = lazy(() => import('./measure-charts.tsx').then((m) => ({ default: m.MeasureCharts })));
const MapModule = lazy(() => import('./network-map.tsx').then((m) => ({ default: m.NetworkMap })));
const SurveyChartModule = lazy(() => import('./survey-trend-chart.tsx').then((m) => ({ default: m.SurveyTrendChart })));

/** The month-by-month charts, loaded on first use. */
export function LazyMeasureCharts(props: ComponentProps<typeof Charts>) {
  return (
    <Suspense fallback={<Loading label={t('trust.chart.loading')} />}>
      <ChartsModule {...props} />
    </Suspense>
  );
}

/** The network map, loaded on first use. */
export function LazyNetworkMap(props: ComponentProps<typeof Map>) {
  return (
    <Suspense fallback={<Loading label={t('trust.map.loading')} />}>
      <MapModule {...props} />
    </Suspense>
  );
}

/** The trust survey's chart over time, loaded on first use. */
export function LazySurveyTrendChart(props: ComponentProps<typeof SurveyChart>) {
  return (
    <Suspense fallback={<Loading label={t('trust.chart.loading')} />}>
      <SurveyChartModule {...props} />
    </Suspense>
  );
}
