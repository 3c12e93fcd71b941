import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { Avatar } from '../../../components/avatar.tsx';
import { ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { roleName } from '../../../components/labels.ts';
import { LevelBadge } from '../../../components/level-badge.tsx';
import { SummaryList } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { MemberProfile } from '../../../../common/profiles.ts';
import { useMemberProfile } from '../api.ts';
import { BlockCard, ReportCard, VouchCard } from './member-actions.tsx';

/** Another member's profile as they share it, with vouching, reporting and blocking; `extra` is what other features add (the app shell composes it), shown on one's own too. */
export function MemberPage({ extra }: { extra?: ReactNode }) {
  const { userId = '' } = useParams();
  const { communityId } = useActiveCommunity();
  const profile = useMemberProfile(communityId, userId);
  return (
    <QueryView query={profile}>
      {(member) => (
        <>
          <PageHeader title={member.displayName} />
          <div className="person" style={{ marginBottom: 'var(--space-5)' }}>
            <Avatar name={member.displayName} src={member.photoUrl} large />
            <div>
              <div className="badges">
                <LevelBadge level={member.verification.level} />
                {member.badge ? <span className="badge badge--role">{roleName(member.badge)}</span> : null}
              </div>
              {member.area ? <p>{member.area}</p> : null}
              <p className="text-small text-muted">
                {t('member.joined', { date: formatDate(member.joinedAt) })} · {t('member.vouches', { count: member.verification.vouchCount })}
              </p>
            </div>
          </div>
          {member.blockedByViewer ? (
            <Notice tone="info">
              <p>{t('member.youBlocked')}</p>
            </Notice>
          ) : null}
          <About member={member} />
          {member.isSelf ? (
            <>
              {extra}
              <ButtonLink to="/profile" variant="secondary">
                {t('member.editYours')}
              </ButtonLink>
            </>
          ) : (
            <>
              {extra}
              <VouchCard member={member} />
              <ReportCard member={member} />
              <BlockCard member={member} />
            </>
          )}
        </>
      )}
    </QueryView>
  );
}

function About({ member }: { member: MemberProfile }) {
  const items = [
    member.bio ? { label: t('member.about'), value: member.bio } : null,
    member.skills.length ? { label: t('member.skills'), value: member.skills.map((s) => s.label).join(', ') } : null,
    member.interests.length ? { label: t('member.interests'), value: member.interests.map((s) => s.label).join(', ') } : null,
    member.languages.length ? { label: t('member.languages'), value: member.languages.join(', ') } : null,
    member.accessibilityNeeds ? { label: t('member.accessibility'), value: member.accessibilityNeeds } : null,
    member.contact.email ? { label: t('member.email'), value: <a href={`mailto:${member.contact.email}`}>{member.contact.email}</a> } : null,
    member.contact.phone ? { label: t('member.phone'), value: <a href={`tel:${member.contact.phone.replace(/\s/g, '')}`}>{member.contact.phone}</a> } : null,
    member.coordinatorMayContact !== null ? { label: t('member.coordinatorMayContact'), value: member.coordinatorMayContact ? t('common.yes') : t('common.no') } : null,
    member.agents?.length ? { label: t('member.agents'), value: member.agents.map((a) => (a.title ? `${a.displayName} (${a.title})` : a.displayName)).join(', ') } : null,
  ].filter((item) => item !== null);
  return (
    <Card title={t('member.aboutTitle', { name: member.displayName })}>
      {items.length ? <SummaryList items={items} /> : <p className="text-muted">{t('member.nothingShared')}</p>}
    </Card>
  );
}
