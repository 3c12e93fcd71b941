import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { LevelBadge, RoleBadge } from '../../../components/level-badge.tsx';
import { nextStepText } from '../../../components/labels.ts';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatNumber, t, type MessageKey } from '../../../i18n/index.ts';
import { useActiveCommunity, useSession } from '../../../lib/session.ts';
import type { CommunityOverview } from '../../../../common/overview.ts';
import { useOverview } from '../api.ts';

/** Home: the community at a glance, your verification level and what to do next. */
export function HomePage({ extra }: { extra?: ReactNode }) {
  const membership = useActiveCommunity();
  const overview = useOverview(membership.communityId);
  const { data: session } = useSession();

  return (
    <QueryView query={overview}>
      {(data) => (
        <>
          <PageHeader title={data.community.name} lead={data.community.description || t('home.lead')} />
          {data.you.status === 'suspended' ? (
            <Notice tone="warning" title={t('home.suspendedTitle')}>
              <p>{t('home.suspended')}</p>
            </Notice>
          ) : null}
          <div className="grid grid--2">
            <Card title={t('home.you.title', { name: session?.user?.displayName ?? '' })}>
              <div className="badges">
                <LevelBadge level={data.you.level} />
                <RoleBadge role={data.you.role} />
              </div>
              <p>{nextStepText(data.you.nextStep)}</p>
              <p className="text-small text-muted">{t('home.you.levelsExplained')}</p>
              <ButtonLink to="/profile" variant="secondary">
                {t('home.you.editProfile')}
              </ButtonLink>
            </Card>
            {data.coordinator ? <CoordinatorTodo todo={data.coordinator} /> : <FindPeople />}
          </div>
          {extra}
          <h2>{t('home.stats.title')}</h2>
          <Stats stats={data.stats} />
          {data.coordinator ? <FindPeople /> : null}
          <p>
            <Link to="/join">{t('home.joinAnother')}</Link>
          </p>
        </>
      )}
    </QueryView>
  );
}

const STAT_KEYS: [keyof CommunityOverview['stats'], MessageKey][] = [
  ['members', 'home.stats.members'],
  ['newMembers30d', 'home.stats.newMembers30d'],
  ['verifiedMembers', 'home.stats.verifiedMembers'],
  ['vouches30d', 'home.stats.vouches30d'],
];

function Stats({ stats }: { stats: CommunityOverview['stats'] }) {
  return (
    <>
      <ul className="grid grid--2" aria-label={t('home.stats.title')}>
        {STAT_KEYS.map(([name, key]) => (
          <li key={name} className="card">
            <span className="stat">{stats[name] === null ? t('home.stats.few') : formatNumber(stats[name]!)}</span>
            {t(key)}
          </li>
        ))}
      </ul>
      <p className="text-small text-muted">{t('home.stats.privacy')}</p>
    </>
  );
}

function CoordinatorTodo({ todo }: { todo: NonNullable<CommunityOverview['coordinator']> }) {
  return (
    <Card title={t('home.todo.title')}>
      <ul>
        <li>
          <Link to="/coordinator/join-requests">{t('home.todo.joinRequests', { count: todo.pendingJoinRequests })}</Link>
        </li>
        <li>
          <Link to="/coordinator/reports">{t('home.todo.reports', { count: todo.openReports })}</Link>
        </li>
      </ul>
      <ButtonLink to="/coordinator" variant="secondary">
        {t('home.todo.open')}
      </ButtonLink>
    </Card>
  );
}

function FindPeople() {
  return (
    <Card title={t('home.find.title')}>
      <p>{t('home.find.lead')}</p>
      <ButtonLink to="/directory">{t('home.find.action')}</ButtonLink>
    </Card>
  );
}
