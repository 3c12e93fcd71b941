import { TextArea, TextField } from '../../../components/fields.tsx';
import { t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { fieldError } from '../../../lib/form.ts';
import type { OwnProfile } from '../../../../common/profiles.ts';
import { ProfileFormCard } from './profile-form-card.tsx';

/** Name, a few words about oneself, street or area, languages and accessibility needs. */
export function AboutForm({ profile }: { profile: OwnProfile }) {
  return (
    <ProfileFormCard
      title={t('profile.about.title')}
      read={(form) => ({
        displayName: form.text('displayName'),
        bio: form.text('bio'),
        area: form.text('area'),
        // Languages are typed as a list separated by commas; the server's field is `languages.N`.
        languages: form
          .text('languages')
          .split(',')
          .map((language) => language.trim())
          .filter(Boolean),
        accessibilityNeeds: form.text('accessibilityNeeds'),
      })}
    >
      {(error) => (
        <>
          <TextField name="displayName" label={t('fields.displayName')} hint={t('fields.displayNameHint')} autoComplete="name" defaultValue={profile.displayName} error={fieldError(error, 'displayName')} />
          <TextArea name="bio" label={t('profile.about.bio')} hint={t('profile.about.bioHint')} optional rows={4} defaultValue={profile.bio} error={fieldError(error, 'bio')} />
          <TextField name="area" label={t('profile.about.area')} hint={t('profile.about.areaHint')} optional defaultValue={profile.area} error={fieldError(error, 'area')} />
          <TextField
            name="languages"
            label={t('profile.about.languages')}
            hint={t('profile.about.languagesHint')}
            optional
            defaultValue={profile.languages.join(', ')}
            error={error instanceof ApiError && error.field?.startsWith('languages') ? error.message : undefined}
          />
          <TextArea name="accessibilityNeeds" label={t('profile.about.accessibility')} hint={t('profile.about.accessibilityHint')} optional rows={3} defaultValue={profile.accessibilityNeeds} error={fieldError(error, 'accessibilityNeeds')} />
        </>
      )}
    </ProfileFormCard>
  );
}
