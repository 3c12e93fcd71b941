// The coordinators' trust dashboard: is connection in the neighbourhood growing? Charts of the
// network measures by month, the network map, who links people, who might welcome a call, and
// the trust survey beside the national figure.
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { List, ListItem } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, formatDateTime, formatNumber, t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { Dashboard } from '../../../../common/trust.ts';
import { useDashboard, useNetwork, useRecompute, useRecomputeStatus, useSurveyControls } from '../api.ts';
import { LazyMeasureCharts as MeasureCharts, LazyNetworkMap as NetworkMap } from './lazy-charts.tsx';
import type { ChartMonth } from './measure-charts.tsx';
import { SurveyResults } from './survey-results.tsx';
import { SurveyTrend } from './survey-trend.tsx';
import '../trust.css';

const pct = (share: number) => `${formatNumber(Math.round(share * 100))}%`;

/**
 * "Update the figures now", and where the update stands: waiting, under way, done (the
 * dashboard then refreshes itself) or failed. The status line is a live region, so a screen
 * reader hears each change without moving focus.
 */
function RecomputeButton({ communityId }: { communityId: string }) {
  const recompute = useRecompute(communityId);
  const status = useRecomputeStatus(communityId);
  const state = status.data?.state;
  const pending = state === 'queued' || state === 'running';
  const current = status.data?.lastRun?.finishedAt ?? null;
  // The last run's time when this page started watching an update; undefined while not watching.
  const [baseline, setBaseline] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (pending && baseline === undefined) setBaseline(current);
  }, [pending, baseline, current]);
  const finished = baseline !== undefined && !pending && current !== null && current !== baseline;
  let message = '';
  if (state === 'queued') message = t('trust.recompute.queued');
  else if (state === 'running') message = t('trust.recompute.running');
  else if (state === 'failed') message = t('trust.recompute.failed');
  else if (finished && current) message = t('trust.recompute.done', { when: formatDateTime(current) });
  return (
    <div className="trust-recompute">
      <Button
        variant="secondary"
        busy={recompute.isPending || pending}
        onClick={() => {
          setBaseline(current);
          recompute.mutate();
        }}
      >
        {t('trust.dashboard.recompute')}
      </Button>
      <p className="text-small trust-recompute__status" role="status" aria-live="polite" data-state={finished ? 'done' : (state ?? 'idle')}>{message}</p>
      {recompute.error ? <Notice tone="error"><p>{recompute.error.message}</p></Notice> : null}
    </div>
  );
}

function Headlines({ data }: { data: Dashboard }) {
  const latest = data.months.at(-1)!;
  const items: [string, string][] = [
    [formatNumber(latest.members), t('trust.headline.members')],
    [formatNumber(latest.isolated), t('trust.headline.isolated')],
    [formatNumber(latest.newTies), t('trust.headline.newTies')],
    [pct(latest.area.bridgingShare), t('trust.headline.bridging')],
  ];
  return (
    <ul className="grid grid--2 trust-headlines" aria-label={t('trust.headline.label')}>
      {items.map(([value, label]) => (
        <li key={label} className="card">
          <span className="stat">{value}</span>
          {label}
        </li>
      ))}
    </ul>
  );
}

function SurveyControls({ communityId, data }: { communityId: string; data: Dashboard }) {
  const controls = useSurveyControls(communityId);
  const open = data.survey?.survey.open ? data.survey.survey : null;
  const error = controls.open.error ?? controls.close.error;
  return (
    <div className="button-row">
      {open ? (
        <Button variant="secondary" busy={controls.close.isPending} onClick={() => controls.close.mutate(open.id)}>{t('trust.survey.close')}</Button>
      ) : (
        <Button variant="secondary" busy={controls.open.isPending} onClick={() => controls.open.mutate()}>{t('trust.survey.open')}</Button>
      )}
      {error ? <Notice tone="error"><p>{error.message}</p></Notice> : null}
    </div>
  );
}

function People({ data }: { data: Dashboard }) {
  return (
    <div className="grid grid--2">
      <Card title={t('trust.connectors.title')}>
        <p className="text-small text-muted">{t('trust.connectors.lead')}</p>
        {data.connectors.length === 0 ? <p>{t('trust.connectors.none')}</p> : (
          <List label={t('trust.connectors.title')}>
            {data.connectors.map((c) => (
              <ListItem key={c.id}>
                <Link to={`/members/${c.id}`}>{c.displayName}</Link>
                <p className="text-small text-muted">{[c.area, t('trust.connectors.contacts', { count: c.contacts })].filter(Boolean).join(' · ')}</p>
              </ListItem>
            ))}
          </List>
        )}
      </Card>
      <Card title={t('trust.reachOut.title')}>
        <p className="text-small text-muted">{t('trust.reachOut.lead')}</p>
        {data.reachOut.length === 0 ? <p>{t('trust.reachOut.none')}</p> : (
          <List label={t('trust.reachOut.title')}>
            {data.reachOut.map((p) => (
              <ListItem key={p.id}>
                <Link to={`/members/${p.id}`}>{p.displayName}</Link>
                <p className="text-small text-muted">{[p.area, t('trust.reachOut.joined', { date: formatDate(p.joinedAt) })].filter(Boolean).join(' · ')}</p>
              </ListItem>
            ))}
          </List>
        )}
      </Card>
    </div>
  );
}

function DashboardBody({ communityId, data }: { communityId: string; data: Dashboard }) {
  const network = useNetwork(communityId);
  const months = useMemo<ChartMonth[]>(() => data.months.map((m) => ({
    ...m, areaBridgingShare: m.area.bridgingShare, areaEiIndex: m.area.eiIndex, communityEiIndex: m.community.eiIndex,
  })), [data.months]);
  const degrees = useMemo(() => data.degreeDistribution.map((b) => ({ label: b.from === b.to ? String(b.from) : `${b.from}–${b.to}`, members: b.members })), [data.degreeDistribution]);
  return (
    <>
      <Headlines data={data} />
      <h2>{t('trust.dashboard.trendsTitle')}</h2>
      <MeasureCharts months={months} degrees={degrees} />
      <QueryView query={network} loadingLabel={t('trust.map.loading')}>{(n) => <NetworkMap network={n} />}</QueryView>
      <h2>{t('trust.dashboard.peopleTitle')}</h2>
      <People data={data} />
      <h2>{t('trust.survey.title')}</h2>
      <SurveyResults results={data.survey} national={data.national} />
      <SurveyControls communityId={communityId} data={data} />
      <SurveyTrend communityId={communityId} national={data.national} />
      <p className="text-small text-muted">
        {data.lastRun ? t('trust.dashboard.lastRun', { when: formatDateTime(data.lastRun.finishedAt), members: data.lastRun.members, ties: data.lastRun.ties }) : null}{' '}
        {data.betweenness && !data.betweenness.exact ? t('trust.dashboard.sampled', { sources: data.betweenness.sources, error: pct(data.betweenness.errorBound) }) : null}
      </p>
    </>
  );
}

/** The coordinators' dashboard page. */
export function TrustDashboardPage() {
  const { communityId } = useActiveCommunity();
  const dashboard = useDashboard(communityId);
  return (
    <>
      <PageHeader
        title={t('trust.dashboard.title')}
        lead={t('trust.dashboard.lead')}
        actions={<><RecomputeButton communityId={communityId} /><ButtonLink to="/council" variant="secondary">{t('trust.dashboard.councilLink')}</ButtonLink></>}
      />
      <QueryView query={dashboard}>
        {(data) => data.months.length === 0 ? (
          <>
            <EmptyState title={t('trust.dashboard.emptyTitle')}>{t('trust.dashboard.empty')}</EmptyState>
            <SurveyResults results={data.survey} national={data.national} />
            <SurveyControls communityId={communityId} data={data} />
            <SurveyTrend communityId={communityId} national={data.national} />
          </>
        ) : <DashboardBody communityId={communityId} data={data} />}
      </QueryView>
    </>
  );
}
