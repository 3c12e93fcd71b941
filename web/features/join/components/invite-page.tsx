import { useNavigate, useParams } from 'react-router';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { withNext } from '../../../lib/navigation.ts';
import { useSession } from '../../../lib/session.ts';
import { useAcceptInvite, useInvitePreview } from '../api.ts';

/** An invitation link (/invite/:token): see the community, sign up or in if needed, then join. */
export function InvitePage() {
  const { token = '' } = useParams();
  const preview = useInvitePreview(token);
  const session = useSession();
  const accept = useAcceptInvite();
  const navigate = useNavigate();
  const here = `/invite/${token}`;

  return (
    <div className="narrow">
      <PageHeader title={t('invite.title')} />
      <QueryView query={preview}>
        {({ community, expiresAt }) => {
          const member = session.data?.memberships.some((m) => m.communityId === community.id);
          return (
            <>
              <Card title={community.name} meta={t('invite.expires', { date: formatDate(expiresAt) })}>
                {community.description ? <p>{community.description}</p> : null}
              </Card>
              {!session.data?.user ? (
                <>
                  <p>{t('invite.signedOut')}</p>
                  <div className="button-row">
                    <ButtonLink to={withNext('/sign-up', here)}>{t('invite.signUp')}</ButtonLink>
                    <ButtonLink to={withNext('/sign-in', here)} variant="secondary">
                      {t('invite.signIn')}
                    </ButtonLink>
                  </div>
                </>
              ) : member ? (
                <>
                  <Notice tone="info">
                    <p>{t('invite.alreadyMember', { name: community.name })}</p>
                  </Notice>
                  <ButtonLink to="/">{t('guards.backHome')}</ButtonLink>
                </>
              ) : (
                <>
                  {accept.isError ? <ErrorState error={accept.error} /> : null}
                  <Button busy={accept.isPending} onClick={() => accept.mutate(token, { onSuccess: () => navigate('/') })}>
                    {t('invite.accept', { name: community.name })}
                  </Button>
                </>
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
