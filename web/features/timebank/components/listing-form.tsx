import { useState } from 'react';
import { ButtonLink } from '../../../components/button.tsx';
import { Radios, Select, TextArea, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { categoryName } from '../../../components/labels.ts';
import { Notice } from '../../../components/notice.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError, type FormReader } from '../../../lib/form.ts';
import { useActiveCommunity, useSession } from '../../../lib/session.ts';
import { useSkills } from '../../../lib/skills.ts';
import type { Listing } from '../../../../common/offers.ts';
import { useCommunity, useMyOrganisations } from '../api/listings.ts';
import { readDuration } from '../duration.ts';
import { PLACES, placeName } from '../labels.ts';
import { DurationField } from './duration-field.tsx';

type Point = { lat: number; lng: number };
/** What the form sends: the API's listing fields (kind and onBehalfOf only for a new one). */
export type ListingValues = {
  kind: 'offer' | 'request';
  onBehalfOf?: string;
  title: string;
  description: string;
  skillId: number;
  durationMinutes: number;
  place: Listing['place'];
  availability: string;
  expiresOn: string | null;
  /** undefined: leave the location as it is (editing). */
  location?: Point | null;
};

type Where = 'keep' | 'none' | 'centre' | 'me';

/**
 * The fields of an offer or a request, for posting and editing. The map point is optional and
 * rough: the community's centre, or where the person is now (the server rounds it to ~200 m).
 */
export function ListingForm({ listing, kind, busy, error, submitLabel, onSubmit }: { listing?: Listing; kind: 'offer' | 'request'; busy: boolean; error: unknown; submitLabel: string; onSubmit: (values: ListingValues) => void }) {
  const community = useActiveCommunity();
  const { data: session } = useSession();
  const skills = useSkills();
  const centre = useCommunity(community.communityId);
  const organisations = useMyOrganisations(community.communityId, session?.user?.id);
  const [where, setWhere] = useState<Where>(listing ? 'keep' : 'none');
  const [here, setHere] = useState<Point | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [chosenKind, setChosenKind] = useState(kind);

  const chooseWhere = (value: string) => {
    setWhere(value as Where);
    if (value !== 'me' || here) return;
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setHere({ lat: position.coords.latitude, lng: position.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { timeout: 15_000, maximumAge: 300_000 },
    );
  };

  const location = (): Point | null | undefined => {
    if (where === 'keep') return undefined;
    if (where === 'centre' && centre.data) return { lat: centre.data.centreLat, lng: centre.data.centreLng };
    if (where === 'me' && here) return here;
    return null;
  };

  const submit = (form: FormReader) => {
    const skillText = form.text('skillId');
    onSubmit({
      kind: listing?.kind ?? chosenKind,
      onBehalfOf: form.text('onBehalfOf') || undefined,
      title: form.text('title'),
      description: form.text('description'),
      skillId: skillText ? Number(skillText) : 0,
      durationMinutes: readDuration(form, 'durationMinutes'),
      place: form.text('place') as Listing['place'],
      availability: form.text('availability'),
      expiresOn: form.text('expiresOn') || null,
      location: location(),
    });
  };

  const isOffer = (listing?.kind ?? chosenKind) === 'offer';
  const skillOptions = [{ value: '', label: t('timebank.form.chooseSkill') }, ...(skills.data ?? []).map((skill) => ({ value: String(skill.id), label: [`${skill.label} (${categoryName(skill.category)})`, ...(skill.worksWith ? [t('timebank.form.skillNeedsDbs')] : [])].join(' — ') }))];
  const whereOptions = [
    ...(listing ? [{ value: 'keep', label: listing.location ? t('timebank.form.whereKeep') : t('timebank.form.whereKeepNone') }] : []),
    { value: 'none', label: t('timebank.form.whereNone') },
    { value: 'centre', label: t('timebank.form.whereCentre', { name: community.name }) },
    { value: 'me', label: t('timebank.form.whereMe'), hint: t('timebank.form.whereMeHint') },
  ];

  return (
    <Form label={submitLabel} submitLabel={submitLabel} busy={busy || locating === 'busy'} error={error} onSubmit={submit} actions={<ButtonLink to={listing ? `/timebank/listings/${listing.id}` : '/timebank'} variant="link">{t('common.cancel')}</ButtonLink>}>
      {(shown) => (
        <>
          {!listing ? (
            <Radios
              name="kind"
              legend={t('timebank.form.kind')}
              value={chosenKind}
              onChange={(value) => setChosenKind(value as 'offer' | 'request')}
              options={[
                { value: 'offer', label: t('timebank.form.kindOffer'), hint: t('timebank.form.kindOfferHint') },
                { value: 'request', label: t('timebank.form.kindRequest'), hint: t('timebank.form.kindRequestHint') },
              ]}
            />
          ) : null}
          {!listing && organisations.data && organisations.data.length > 0 ? (
            <Select
              name="onBehalfOf"
              label={t('timebank.form.postAs')}
              error={fieldError(shown, 'onBehalfOf')}
              options={[{ value: '', label: t('timebank.form.postAsMe', { name: session?.user?.displayName ?? '' }) }, ...organisations.data.map((org) => ({ value: org.id, label: org.name }))]}
            />
          ) : null}
          <TextField name="title" label={isOffer ? t('timebank.form.titleOffer') : t('timebank.form.titleRequest')} hint={isOffer ? t('timebank.form.titleOfferHint') : t('timebank.form.titleRequestHint')} defaultValue={listing?.title} error={fieldError(shown, 'title')} />
          <TextArea name="description" label={t('timebank.form.description')} hint={t('timebank.form.descriptionHint')} optional rows={4} defaultValue={listing?.description} error={fieldError(shown, 'description')} />
          <Select name="skillId" label={t('timebank.form.skill')} hint={t('timebank.form.skillHint')} options={skillOptions} defaultValue={listing ? String(listing.skill.id) : ''} error={fieldError(shown, 'skillId')} />
          <DurationField name="durationMinutes" legend={t('timebank.form.duration')} hint={t('timebank.form.durationHint')} defaultMinutes={listing?.durationMinutes ?? 60} error={shown} />
          <Radios name="place" legend={t('timebank.form.place')} defaultValue={listing?.place ?? 'in_public'} error={fieldError(shown, 'place')} options={PLACES.map((place) => ({ value: place, label: placeName(place) }))} />
          <TextField name="availability" label={t('timebank.form.availability')} hint={t('timebank.form.availabilityHint')} optional defaultValue={listing?.availability} error={fieldError(shown, 'availability')} />
          <TextField name="expiresOn" type="date" label={t('timebank.form.expiresOn')} hint={t('timebank.form.expiresOnHint')} optional short defaultValue={listing?.expiresOn ?? ''} error={fieldError(shown, 'expiresOn')} />
          <Radios name="where" legend={t('timebank.form.where')} hint={t('timebank.form.whereHint')} value={where} onChange={chooseWhere} options={whereOptions} error={fieldError(shown, 'location') ?? fieldError(shown, 'location.lat') ?? fieldError(shown, 'location.lng')} />
          {where === 'me' && locating === 'busy' ? <p role="status">{t('timebank.form.locating')}</p> : null}
          {where === 'me' && here ? <p role="status" className="text-small">{t('timebank.form.located')}</p> : null}
          {where === 'me' && locating === 'failed' ? (
            <Notice tone="warning">
              <p>{t('timebank.browse.locationFailed')}</p>
            </Notice>
          ) : null}
        </>
      )}
    </Form>
  );
}
