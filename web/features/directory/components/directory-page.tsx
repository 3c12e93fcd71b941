import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Avatar } from '../../../components/avatar.tsx';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Select, TextField } from '../../../components/fields.tsx';
import { categoryName, levelName, roleName, VERIFICATION_LEVELS } from '../../../components/labels.ts';
import { LevelBadge } from '../../../components/level-badge.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import { useSkills } from '../../../lib/skills.ts';
import type { DirectoryEntry } from '../../../../common/directory.ts';
import type { VerificationLevel } from '../../../../common/verification.ts';
import { PAGE_SIZE, useDirectory, type DirectorySearch } from '../api.ts';

/** The member directory: search by name, skill or words in a bio, and filter by verification. */
export function DirectoryPage() {
  const community = useActiveCommunity();
  const [params, setParams] = useSearchParams();
  const search: DirectorySearch = {
    q: params.get('q') ?? '',
    skill: params.get('skill') ?? '',
    level: (VERIFICATION_LEVELS as string[]).includes(params.get('level') ?? '') ? (params.get('level') as VerificationLevel) : '',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const results = useDirectory(community.communityId, search);
  const skills = useSkills();

  // The search lives in the address, so Back returns to the same results and a search can be shared.
  const update = (next: Partial<DirectorySearch>) => {
    const merged = { ...search, ...next };
    const entries = Object.entries({ q: merged.q, skill: merged.skill, level: merged.level, page: merged.page > 1 ? String(merged.page) : '' }).filter(([, value]) => value);
    setParams(new URLSearchParams(entries as [string, string][]));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    update({ q: String(data.get('q') ?? '').trim(), skill: String(data.get('skill') ?? ''), level: String(data.get('level') ?? '') as DirectorySearch['level'], page: 1 });
  };

  const skillOptions = [{ value: '', label: t('directory.anySkill') }, ...(skills.data ?? []).map((skill) => ({ value: skill.slug, label: `${skill.label} (${categoryName(skill.category)})` }))];

  return (
    <>
      <PageHeader title={t('directory.title')} lead={t('directory.lead', { name: community.name })} />
      <form className="search" role="search" aria-label={t('directory.searchLabel')} onSubmit={submit} key={params.toString()}>
        <TextField name="q" type="search" label={t('directory.q')} hint={t('directory.qHint')} defaultValue={search.q} />
        <Select name="skill" label={t('directory.skill')} options={skillOptions} defaultValue={search.skill} />
        <Select name="level" label={t('directory.level')} options={[{ value: '', label: t('directory.anyLevel') }, ...VERIFICATION_LEVELS.map((level) => ({ value: level, label: levelName(level) }))]} defaultValue={search.level} />
        <Button type="submit">{t('common.search')}</Button>
      </form>
      <QueryView query={results} loadingLabel={t('directory.loading')}>
        {(page) => (
          <>
            <p role="status">{search.q || search.skill || search.level ? t('directory.found', { count: page.total }) : t('directory.everyone', { count: page.total })}</p>
            {page.items.length === 0 ? (
              <EmptyState
                title={t('directory.emptyTitle')}
                action={
                  search.q || search.skill || search.level ? (
                    <Button variant="secondary" onClick={() => update({ q: '', skill: '', level: '', page: 1 })}>
                      {t('directory.clear')}
                    </Button>
                  ) : null
                }
              >
                {t('directory.empty')}
              </EmptyState>
            ) : (
              <ul className="grid grid--3" aria-label={t('directory.results')}>
                {page.items.map((entry) => (
                  <MemberCard key={entry.id} entry={entry} />
                ))}
              </ul>
            )}
            <Pager page={search.page} pageSize={PAGE_SIZE} total={page.total} onPage={(next) => update({ page: next })} />
          </>
        )}
      </QueryView>
    </>
  );
}

function MemberCard({ entry }: { entry: DirectoryEntry }) {
  return (
    <li className="card">
      <div className="person">
        <Avatar name={entry.displayName} src={entry.photoUrl} />
        <div>
          <h2 className="card__title">
            <Link to={`/members/${entry.id}`}>{entry.displayName}</Link>
          </h2>
          <div className="badges">
            <LevelBadge level={entry.level} />
            {entry.badge ? <span className="badge badge--role">{roleName(entry.badge)}</span> : null}
          </div>
          {entry.area ? <p className="text-small text-muted">{entry.area}</p> : null}
        </div>
      </div>
      {entry.skills.length > 0 ? (
        <p className="text-small">
          <span className="visually-hidden">{t('directory.skillsLabel')} </span>
          {entry.skills.map((skill) => skill.label).join(' · ')}
        </p>
      ) : null}
    </li>
  );
}
