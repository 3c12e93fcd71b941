import { t } from '../i18n/index.ts';
import { fieldError } from '../lib/form.ts';
import { TextArea, TextField } from './fields.tsx';

/**
 * The controls that describe a community (common/communities.ts `communityInput`), used by the
 * first-run page (names prefixed "community.") and the administrator's "new community" form.
 */
export function CommunityFields({ error, prefix = '' }: { error: unknown; prefix?: string }) {
  const name = (field: string) => `${prefix}${field}`;
  return (
    <>
      <TextField name={name('name')} label={t('fields.communityName')} hint={t('fields.communityNameHint')} required error={fieldError(error, name('name'))} />
      <TextField name={name('slug')} label={t('fields.slug')} hint={t('fields.slugHint')} required autoCapitalize="none" spellCheck={false} error={fieldError(error, name('slug'))} />
      <TextArea name={name('description')} label={t('fields.description')} optional rows={3} error={fieldError(error, name('description'))} />
      <TextField name={name('centreLat')} label={t('fields.centreLat')} hint={t('fields.centreHint')} inputMode="decimal" short required defaultValue="51.5074" error={fieldError(error, name('centreLat'))} />
      <TextField name={name('centreLng')} label={t('fields.centreLng')} inputMode="decimal" short required defaultValue="-0.1278" error={fieldError(error, name('centreLng'))} />
      <TextField name={name('radiusM')} label={t('fields.radiusM')} hint={t('fields.radiusHint')} inputMode="numeric" short required defaultValue="1500" error={fieldError(error, name('radiusM'))} />
    </>
  );
}

/** Reads the community controls back into the shape the API takes. */
export function readCommunity(form: { text(name: string): string; number(name: string): number }, prefix = '') {
  return {
    name: form.text(`${prefix}name`),
    slug: form.text(`${prefix}slug`),
    description: form.text(`${prefix}description`),
    centreLat: form.number(`${prefix}centreLat`),
    centreLng: form.number(`${prefix}centreLng`),
    radiusM: form.number(`${prefix}radiusM`),
  };
}
