import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Select } from '../../../components/fields.tsx';
import { levelName, nextStepText, VERIFICATION_LEVELS } from '../../../components/labels.ts';
import { LevelBadge, RoleBadge } from '../../../components/level-badge.tsx';
import { List, ListItem } from '../../../components/list.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { VerificationLevel, VerificationList } from '../../../../common/verification.ts';
import { useVerificationList, type MemberFilter } from '../api.ts';
import { MemberActions } from './member-actions.tsx';

const PAGE = 50;

/** Members by verification standing, with recording checks and suspending in place. */
export function MembersPanel() {
  const { communityId } = useActiveCommunity();
  const [filter, setFilter] = useState<MemberFilter>({ offset: 0 });
  const members = useVerificationList(communityId, filter);

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const level = String(data.get('level') ?? '');
    const dbs = String(data.get('dbs') ?? '');
    setFilter({ level: level ? (level as VerificationLevel) : undefined, dbs: dbs ? (dbs as MemberFilter['dbs']) : undefined, offset: 0 });
  };

  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('coordinator.members.title')}</h2>
      <p>{t('coordinator.members.lead')}</p>
      <form className="search" onSubmit={applyFilter} aria-label={t('coordinator.members.filter')}>
        <Select name="level" label={t('coordinator.members.level')} options={[{ value: '', label: t('coordinator.members.anyLevel') }, ...VERIFICATION_LEVELS.map((level) => ({ value: level, label: levelName(level) }))]} />
        <Select
          name="dbs"
          label={t('coordinator.members.dbs')}
          options={[
            { value: '', label: t('coordinator.members.dbsAny') },
            { value: 'current', label: t('coordinator.members.dbsCurrent') },
            { value: 'expiring', label: t('coordinator.members.dbsExpiring') },
            { value: 'expired', label: t('coordinator.members.dbsExpired') },
          ]}
        />
        <span />
        <Button type="submit" variant="secondary">
          {t('coordinator.members.show')}
        </Button>
      </form>
      <QueryView query={members}>{(data) => <MemberList data={data} filter={filter} onPage={(page) => setFilter({ ...filter, offset: (page - 1) * PAGE })} />}</QueryView>
    </section>
  );
}

function MemberList({ data, filter, onPage }: { data: VerificationList; filter: MemberFilter; onPage: (page: number) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  if (data.items.length === 0) return <EmptyState title={t('coordinator.members.emptyTitle')}>{t('coordinator.members.empty')}</EmptyState>;
  return (
    <>
      <p role="status">{t('coordinator.members.count', { count: data.total })}</p>
      <List>
        {data.items.map((member) => (
          <ListItem
            key={member.userId}
            actions={
              <Button variant="secondary" aria-expanded={open === member.userId} onClick={() => setOpen(open === member.userId ? null : member.userId)} aria-label={t('coordinator.members.manageNamed', { name: member.displayName })}>
                {t('coordinator.members.manage')}
              </Button>
            }
          >
            <h3>
              <Link to={`/members/${member.userId}`}>{member.displayName}</Link>
            </h3>
            <div className="badges">
              <LevelBadge level={member.level} />
              <RoleBadge role={member.role} />
              {member.status === 'suspended' ? <span className="badge badge--warning">{t('coordinator.members.suspended')}</span> : null}
            </div>
            <p className="text-small">{nextStepText(member.nextStep)}</p>
            {member.dbsExpiresOn ? <p className="text-small text-muted">{t('coordinator.members.dbsUntil', { date: formatDate(member.dbsExpiresOn) })}</p> : null}
            {open === member.userId ? <MemberActions userId={member.userId} name={member.displayName} status={member.status} /> : null}
          </ListItem>
        ))}
      </List>
      <Pager page={Math.floor(filter.offset / PAGE) + 1} pageSize={PAGE} total={data.total} onPage={onPage} />
    </>
  );
}
