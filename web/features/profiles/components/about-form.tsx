import { Card } from '../../../components/card.tsx';
import { TextArea, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { Notice } from '../../../components/notice.tsx';
import { t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { fieldError } from '../../../lib/form.ts';
import type { OwnProfile } from '../../../../common/profiles.ts';
import { useUpdateProfile } from '../api.ts';

/** Name, a few words about oneself, street or area, languages and accessibility needs. */
export function AboutForm({ profile }: { profile: OwnProfile }) {
  const update = useUpdateProfile();
  const error = update.error;
  // Languages are typed as a list separated by commas; the server's field is `languages.N`.
  const languagesError = error instanceof ApiError && error.field?.startsWith('languages') ? error.message : undefined;
  return (
    <Card title={t('profile.about.title')}>
      {update.isSuccess ? (
        <Notice tone="success">
          <p>{t('profile.saved')}</p>
        </Notice>
      ) : null}
      <Form
        label={t('profile.about.title')}
        submitLabel={t('profile.save')}
        busy={update.isPending}
        error={error}
        onSubmit={(form) =>
          update.mutate({
            displayName: form.text('displayName'),
            bio: form.text('bio'),
            area: form.text('area'),
            languages: form
              .text('languages')
              .split(',')
              .map((language) => language.trim())
              .filter(Boolean),
            accessibilityNeeds: form.text('accessibilityNeeds'),
          })
        }
      >
        <TextField name="displayName" label={t('fields.displayName')} hint={t('fields.displayNameHint')} autoComplete="name" defaultValue={profile.displayName} error={fieldError(error, 'displayName')} />
        <TextArea name="bio" label={t('profile.about.bio')} hint={t('profile.about.bioHint')} optional rows={4} defaultValue={profile.bio} error={fieldError(error, 'bio')} />
        <TextField name="area" label={t('profile.about.area')} hint={t('profile.about.areaHint')} optional defaultValue={profile.area} error={fieldError(error, 'area')} />
        <TextField name="languages" label={t('profile.about.languages')} hint={t('profile.about.languagesHint')} optional defaultValue={profile.languages.join(', ')} error={languagesError} />
        <TextArea name="accessibilityNeeds" label={t('profile.about.accessibility')} hint={t('profile.about.accessibilityHint')} optional rows={3} defaultValue={profile.accessibilityNeeds} error={fieldError(error, 'accessibilityNeeds')} />
      </Form>
    </Card>
  );
}
