import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Select, TextField } from '../../../components/fields.tsx';
import { categoryName } from '../../../components/labels.ts';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { useActiveCommunity, useSession } from '../../../lib/session.ts';
import { useSkills } from '../../../lib/skills.ts';
import { LISTINGS_PAGE_SIZE, useCommunity, useListings, type ListingSearch } from '../api/listings.ts';
import { listingStatusName } from '../labels.ts';
import { ListingCard } from './listing-card.tsx';
import { TimebankNav } from './timebank-nav.tsx';

const DISTANCES = ['500', '1000', '2000', '5000'];
const KINDS = ['', 'offer', 'request'] as const;
const STATUSES = ['open', 'paused', 'closed'] as const;

function readSearch(params: URLSearchParams, ownerId: string): ListingSearch {
  const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
  return {
    kind: pick(params.get('kind'), KINDS, ''),
    q: params.get('q') ?? '',
    skillId: /^\d+$/.test(params.get('skillId') ?? '') ? params.get('skillId')! : '',
    withinM: pick(params.get('within'), ['', ...DISTANCES], ''),
    lat: params.get('lat') ?? '',
    lng: params.get('lng') ?? '',
    status: ownerId ? pick(params.get('status'), STATUSES, 'open') : 'open',
    ownerId,
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

/**
 * Browse and search offers and requests by kind, words, skill and distance; with `mine`, the
 * person's own listings by status. The search lives in the address, so Back returns to it.
 */
export function BrowsePage({ mine = false }: { mine?: boolean }) {
  const community = useActiveCommunity();
  const { data: session } = useSession();
  const [params, setParams] = useSearchParams();
  const search = readSearch(params, mine ? (session?.user?.id ?? '') : '');
  const listings = useListings(community.communityId, search);
  const skills = useSkills();
  const centre = useCommunity(community.communityId);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const usingMyLocation = params.get('from') === 'me' && search.lat !== '';

  const update = (next: Partial<ListingSearch> & { from?: string }) => {
    const merged = { ...search, from: params.get('from') ?? '', ...next };
    // Distance is measured from the community's centre unless the person shared where they are.
    if (merged.withinM && merged.from !== 'me' && centre.data) {
      merged.lat = String(centre.data.centreLat);
      merged.lng = String(centre.data.centreLng);
    }
    const entries = Object.entries({
      kind: merged.kind, q: merged.q, skillId: merged.skillId, within: merged.withinM, from: merged.withinM ? merged.from : '',
      lat: merged.withinM ? merged.lat : '', lng: merged.withinM ? merged.lng : '', status: mine && merged.status !== 'open' ? merged.status : '', page: merged.page > 1 ? String(merged.page) : '',
    }).filter(([, value]) => value);
    setParams(new URLSearchParams(entries as [string, string][]));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const read = (name: string) => String(data.get(name) ?? '').trim();
    update({ kind: read('kind') as ListingSearch['kind'], q: read('q'), skillId: read('skillId'), withinM: read('within'), status: (read('status') || 'open') as ListingSearch['status'], page: 1 });
  };

  const locateMe = () => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating('idle');
        update({ from: 'me', lat: position.coords.latitude.toFixed(4), lng: position.coords.longitude.toFixed(4), withinM: search.withinM || '1000', page: 1 });
      },
      () => setLocating('failed'),
      { timeout: 15_000, maximumAge: 300_000 },
    );
  };

  const filtered = Boolean(search.kind || search.q || search.skillId || search.withinM);
  const skillOptions = [{ value: '', label: t('timebank.browse.anySkill') }, ...(skills.data ?? []).map((skill) => ({ value: String(skill.id), label: `${skill.label} (${categoryName(skill.category)})` }))];
  const distanceOptions = [{ value: '', label: t('timebank.browse.anyDistance') }, ...DISTANCES.map((m) => ({ value: m, label: t('timebank.browse.within', { distance: Number(m) >= 1000 ? t('timebank.distance.kmShort', { km: Number(m) / 1000 }) : t('timebank.distance.mShort', { m: Number(m) }) }) }))];

  return (
    <>
      <PageHeader
        title={mine ? t('timebank.mine.title') : t('timebank.browse.title')}
        lead={mine ? t('timebank.mine.lead') : t('timebank.browse.lead', { name: community.name })}
        actions={
          <>
            <ButtonLink to="/timebank/listings/new?kind=offer">{t('timebank.browse.offerHelp')}</ButtonLink>
            <ButtonLink to="/timebank/listings/new?kind=request" variant="secondary">{t('timebank.browse.askForHelp')}</ButtonLink>
          </>
        }
      />
      <TimebankNav />
      <form className="filters filters--wide" role="search" aria-label={t('timebank.browse.searchLabel')} onSubmit={submit} key={params.toString()}>
        <TextField name="q" type="search" label={t('timebank.browse.q')} hint={t('timebank.browse.qHint')} defaultValue={search.q} />
        <Select name="kind" label={t('timebank.browse.kind')} defaultValue={search.kind} options={[{ value: '', label: t('timebank.browse.bothKinds') }, { value: 'offer', label: t('timebank.browse.offers') }, { value: 'request', label: t('timebank.browse.requests') }]} />
        <Select name="skillId" label={t('timebank.browse.skill')} options={skillOptions} defaultValue={search.skillId} />
        {mine ? (
          <Select name="status" label={t('timebank.mine.status')} defaultValue={search.status} options={STATUSES.map((s) => ({ value: s, label: listingStatusName(s) }))} />
        ) : (
          <Select name="within" label={t('timebank.browse.distance')} hint={usingMyLocation ? t('timebank.browse.fromYou') : t('timebank.browse.fromCentre', { name: community.name })} options={distanceOptions} defaultValue={search.withinM} />
        )}
        <Button type="submit">{t('common.search')}</Button>
      </form>
      {!mine ? (
        <p>
          <Button variant="link" busy={locating === 'busy'} onClick={locateMe}>
            {t('timebank.browse.useMyLocation')}
          </Button>
        </p>
      ) : null}
      {locating === 'failed' ? (
        <Notice tone="warning">
          <p>{t('timebank.browse.locationFailed')}</p>
        </Notice>
      ) : null}
      <QueryView query={listings} loadingLabel={t('timebank.browse.loading')}>
        {(page) => (
          <>
            <p role="status">{t('timebank.browse.found', { count: page.total })}</p>
            {page.listings.length === 0 ? (
              <EmptyState
                title={mine ? t('timebank.mine.emptyTitle') : t('timebank.browse.emptyTitle')}
                action={
                  filtered ? (
                    <Button variant="secondary" onClick={() => update({ kind: '', q: '', skillId: '', withinM: '', page: 1 })}>
                      {t('timebank.browse.clear')}
                    </Button>
                  ) : (
                    <ButtonLink to="/timebank/listings/new?kind=offer">{t('timebank.browse.offerHelp')}</ButtonLink>
                  )
                }
              >
                {mine ? t('timebank.mine.empty') : t('timebank.browse.empty')}
              </EmptyState>
            ) : (
              <ul className="grid grid--2" aria-label={t('timebank.browse.results')}>
                {page.listings.map((listing) => (
                  <ListingCard key={listing.id} listing={listing} />
                ))}
              </ul>
            )}
            <Pager page={search.page} pageSize={LISTINGS_PAGE_SIZE} total={page.total} onPage={(next) => update({ page: next })} />
          </>
        )}
      </QueryView>
    </>
  );
}
