// One chart of figures by month (or by bin), drawn with ECharts as SVG, with the same figures
// in a table underneath for anyone who cannot see the chart: the table is the text alternative.
import { useEffect, useId, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { formatNumber, t } from '../../../i18n/index.ts';
import { SERIES_COLOURS } from './palette.ts';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type Series = { name: string; values: (number | null)[] };
type Props = {
  title: string;
  /** One sentence saying what the chart shows, read out in place of the picture. */
  summary: string;
  labels: string[];
  series: Series[];
  kind?: 'line' | 'bar';
  /** Stack bars (parts of one whole). */
  stacked?: boolean;
  /** Values are shares (0..1): shown as percentages. */
  percent?: boolean;
};

const show = (value: number | null, percent: boolean) =>
  value === null ? t('trust.chart.hidden') : percent ? `${formatNumber(Math.round(value * 1000) / 10)}%` : formatNumber(Math.round(value * 100) / 100);

/** A small chart with its figures as a table beneath. */
export function TrendChart({ title, summary, labels, series, kind = 'line', stacked = false, percent = false }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      color: SERIES_COLOURS,
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? show(v, percent) : t('trust.chart.hidden')) },
      xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 13 } },
      yAxis: { type: 'value', axisLabel: { fontSize: 13, formatter: (v: number) => (percent ? `${Math.round(v * 100)}%` : String(v)) } },
      series: series.map((s) => ({ name: s.name, type: kind, data: s.values, stack: stacked ? 'all' : undefined, connectNulls: false, symbolSize: 7 })),
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [labels, series, kind, stacked, percent]);

  return (
    <figure className="trust-chart" aria-labelledby={headingId}>
      <h3 id={headingId} className="trust-chart__title">{title}</h3>
      <div ref={box} className="trust-chart__canvas" role="img" aria-label={summary} data-chart={title} />
      <details>
        <summary>{t('trust.chart.figures')}</summary>
        <div className="trust-table-wrap">
          <table className="trust-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trust.chart.period')}</th>
                {series.map((s) => <th scope="col" key={s.name}>{s.name}</th>)}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => <td key={s.name}>{show(s.values[i] ?? null, percent)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
