import { Avatar } from '../../../components/avatar.tsx';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { Notice } from '../../../components/notice.tsx';
import { t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { fieldError } from '../../../lib/form.ts';
import type { OwnProfile } from '../../../../common/profiles.ts';
import { usePhoto } from '../api.ts';

const MAX_BYTES = 2 * 1024 * 1024;

/** Upload, replace or remove the profile photo. */
export function PhotoForm({ profile }: { profile: OwnProfile }) {
  const photo = usePhoto();
  return (
    <Card title={t('profile.photo.title')}>
      <div className="person">
        <Avatar name={profile.displayName} src={profile.photoUrl} large />
        <p>{profile.photoUrl ? t('profile.photo.current') : t('profile.photo.none')}</p>
      </div>
      {photo.isSuccess ? (
        <Notice tone="success">
          <p>{photo.variables ? t('profile.photo.uploaded') : t('profile.photo.removed')}</p>
        </Notice>
      ) : null}
      <Form
        label={t('profile.photo.title')}
        submitLabel={t('profile.photo.upload')}
        busy={photo.isPending}
        error={photo.error}
        onSubmit={(form, element) => {
          const file = form.file('photo');
          // Checked here too so a large photo is not sent only to be refused.
          if (!file) throw new ApiError(400, 'photo.missing', t('profile.photo.choose'), 'photo');
          if (file.size > MAX_BYTES) throw new ApiError(413, 'photo.too_large', t('profile.photo.tooLarge'), 'photo');
          photo.mutate(file, { onSuccess: () => element.reset() });
        }}
        actions={
          profile.photoUrl ? (
            <Button variant="secondary" busy={photo.isPending} onClick={() => photo.mutate(null)}>
              {t('profile.photo.remove')}
            </Button>
          ) : null
        }
      >
        {(error) => <TextField name="photo" type="file" accept="image/jpeg,image/png,image/webp" label={t('profile.photo.file')} hint={t('profile.photo.hint')} error={fieldError(error, 'photo')} />}
      </Form>
    </Card>
  );
}
