import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../components/button.tsx';
import { Select } from '../components/fields.tsx';
import { t } from '../i18n/index.ts';
import { useSwitchCommunity } from '../lib/session.ts';
import type { Session } from '../../common/auth.ts';

/**
 * Choosing another community is a form with a button, not a select that acts on change, so
 * that moving through the options with the keyboard never changes the page (WCAG 3.2.2).
 */
export function CommunitySwitcher({ session }: { session: Session }) {
  const switchCommunity = useSwitchCommunity();
  const navigate = useNavigate();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const communityId = String(new FormData(event.currentTarget).get('communityId'));
    if (communityId === session.activeCommunityId) return;
    switchCommunity.mutate(communityId, { onSuccess: () => navigate('/') });
  };
  return (
    <form className="switcher" key={session.activeCommunityId} onSubmit={submit} aria-label={t('nav.switcherLabel')}>
      <Select
        name="communityId"
        label={t('nav.community')}
        defaultValue={session.activeCommunityId ?? undefined}
        options={session.memberships.map((m) => ({ value: m.communityId, label: m.name }))}
        error={switchCommunity.error?.message}
      />
      <Button type="submit" variant="secondary" busy={switchCommunity.isPending}>
        {t('nav.switch')}
      </Button>
    </form>
  );
}
