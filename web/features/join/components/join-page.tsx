import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { TextArea } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { withNext } from '../../../lib/navigation.ts';
import { useSession, useSwitchCommunity } from '../../../lib/session.ts';
import type { Community } from '../../../../common/communities.ts';
import { useCommunities, useMyJoinRequests, useRequestToJoin, type OwnJoinRequest } from '../api.ts';

/** The communities on this Kith, and a way to ask to join one. */
export function JoinPage() {
  const session = useSession();
  const signedIn = Boolean(session.data?.user);
  const communities = useCommunities();
  const mine = useMyJoinRequests(signedIn);

  return (
    <>
      <PageHeader title={t('join.title')} lead={t('join.lead')} />
      <Notice tone="info">
        <p>{t('join.inviteHint')}</p>
      </Notice>
      <QueryView query={communities}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('join.emptyTitle')}>{t('join.empty')}</EmptyState>
          ) : (
            <ul className="grid grid--2">
              {list.map((community) => (
                <CommunityCard key={community.id} community={community} signedIn={signedIn} pending={mine.data?.find((r) => r.communityId === community.id && r.status === 'pending')} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </>
  );
}

function CommunityCard({ community, signedIn, pending }: { community: Community; signedIn: boolean; pending?: OwnJoinRequest }) {
  const session = useSession();
  const membership = session.data?.memberships.find((m) => m.communityId === community.id);
  return (
    <Card as="li" title={community.name} headingLevel={2}>
      {community.description ? <p>{community.description}</p> : null}
      {membership ? (
        <MemberActions communityId={community.id} />
      ) : pending ? (
        <Notice tone="info" title={t('join.pendingTitle')}>
          <p>{t('join.pending', { date: formatDate(pending.createdAt) })}</p>
        </Notice>
      ) : signedIn ? (
        <AskToJoin community={community} />
      ) : (
        <ButtonLink to={withNext('/sign-up', '/join')}>{t('join.signUpToJoin')}</ButtonLink>
      )}
    </Card>
  );
}

function MemberActions({ communityId }: { communityId: string }) {
  const switchCommunity = useSwitchCommunity();
  const navigate = useNavigate();
  return (
    <>
      <p>{t('join.alreadyMember')}</p>
      <Button variant="secondary" busy={switchCommunity.isPending} onClick={() => switchCommunity.mutate(communityId, { onSuccess: () => navigate('/') })}>
        {t('join.goTo')}
      </Button>
    </>
  );
}

function AskToJoin({ community }: { community: Community }) {
  const [open, setOpen] = useState(false);
  const request = useRequestToJoin();
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)} aria-label={t('join.askToJoinNamed', { name: community.name })}>
        {t('join.askToJoin')}
      </Button>
    );
  }
  return (
    <Form
      label={t('join.askToJoinNamed', { name: community.name })}
      submitLabel={t('join.send')}
      busy={request.isPending}
      error={request.error}
      onSubmit={(form) => request.mutate({ communityId: community.id, message: form.text('message') })}
      actions={
        <Button variant="link" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      }
    >
      <TextArea name="message" id={`message-${community.id}`} label={t('join.message')} hint={t('join.messageHint')} optional rows={3} error={fieldError(request.error, 'message')} />
    </Form>
  );
}
