import { Checkbox, Fieldset, TextField } from '../../../components/fields.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import type { OwnProfile } from '../../../../common/profiles.ts';
import { ProfileFormCard } from './profile-form-card.tsx';

/** How neighbours may get in touch, and what the member shares and with whom. */
export function ContactPrivacyForm({ profile }: { profile: OwnProfile }) {
  return (
    <ProfileFormCard
      title={t('profile.privacy.title')}
      read={(form) => ({
        contact: { email: form.checked('contact.email'), app: form.checked('contact.app'), phone: form.text('contact.phone'), showPhone: form.checked('contact.showPhone') },
        privacy: {
          showInDirectory: form.checked('privacy.showInDirectory'),
          showBio: form.checked('privacy.showBio'),
          showArea: form.checked('privacy.showArea'),
          analyticsOptOut: form.checked('privacy.analyticsOptOut'),
          coordinatorMayContact: form.checked('privacy.coordinatorMayContact'),
        },
      })}
    >
      {(error) => (
        <>
          <Fieldset legend={t('profile.contact.legend')} hint={t('profile.contact.hint')}>
            <Checkbox name="contact.app" label={t('profile.contact.app')} defaultChecked={profile.contact.app} />
            <Checkbox name="contact.email" label={t('profile.contact.email')} hint={t('profile.contact.emailHint')} defaultChecked={profile.contact.email} />
            <TextField name="contact.phone" type="tel" label={t('profile.contact.phone')} optional autoComplete="tel" defaultValue={profile.contact.phone} error={fieldError(error, 'contact.phone')} />
            <Checkbox name="contact.showPhone" label={t('profile.contact.showPhone')} defaultChecked={profile.contact.showPhone} />
          </Fieldset>
          <Fieldset legend={t('profile.privacy.legend')}>
            <Checkbox name="privacy.showInDirectory" label={t('profile.privacy.showInDirectory')} hint={t('profile.privacy.showInDirectoryHint')} defaultChecked={profile.privacy.showInDirectory} />
            <Checkbox name="privacy.showBio" label={t('profile.privacy.showBio')} defaultChecked={profile.privacy.showBio} />
            <Checkbox name="privacy.showArea" label={t('profile.privacy.showArea')} defaultChecked={profile.privacy.showArea} />
            <Checkbox name="privacy.coordinatorMayContact" label={t('profile.privacy.coordinatorMayContact')} hint={t('profile.privacy.coordinatorMayContactHint')} defaultChecked={profile.privacy.coordinatorMayContact} />
            <Checkbox name="privacy.analyticsOptOut" label={t('profile.privacy.analyticsOptOut')} hint={t('profile.privacy.analyticsOptOutHint')} defaultChecked={profile.privacy.analyticsOptOut} />
          </Fieldset>
        </>
      )}
    </ProfileFormCard>
  );
}
