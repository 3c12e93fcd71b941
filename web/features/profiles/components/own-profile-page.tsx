import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { useOwnProfile } from '../api.ts';
import { AboutForm } from './about-form.tsx';
import { ContactPrivacyForm } from './contact-privacy-form.tsx';
import { PhotoForm } from './photo-form.tsx';
import { SkillsForm } from './skills-form.tsx';

/**
 * The own profile, in short sections that each save on their own, so a change is never lost
 * to a mistake in another part of a long form.
 */
export function OwnProfilePage() {
  const profile = useOwnProfile();
  return (
    <>
      <PageHeader
        title={t('profile.title')}
        lead={t('profile.lead')}
        actions={profile.data ? <Link to={`/members/${profile.data.id}`}>{t('profile.seeAsOthers')}</Link> : null}
      />
      <QueryView query={profile}>
        {(data) => (
          <div className="narrow">
            <AboutForm profile={data} />
            <PhotoForm profile={data} />
            <SkillsForm profile={data} />
            <ContactPrivacyForm profile={data} />
          </div>
        )}
      </QueryView>
    </>
  );
}
