import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { CopyBox } from '../../../components/copy-button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { List, ListItem } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import { useCreateInvite, useInvites, useRevokeInvite, type Invite } from '../api.ts';

/** Invitation links: make one to send to a neighbour, see who has used them, withdraw them. */
export function InvitesPanel() {
  const { communityId } = useActiveCommunity();
  const invites = useInvites(communityId);
  const create = useCreateInvite(communityId);
  const revoke = useRevokeInvite(communityId);

  return (
    <section aria-labelledby="invites-heading">
      <h2 id="invites-heading">{t('coordinator.invites.title')}</h2>
      <Card title={t('coordinator.invites.newTitle')} headingLevel={3}>
        <p>{t('coordinator.invites.newLead')}</p>
        {create.isSuccess ? (
          <Notice tone="success" title={t('coordinator.invites.createdTitle')}>
            <p>{t('coordinator.invites.created')}</p>
            <CopyBox value={create.data.url} label={t('coordinator.invites.link')} />
          </Notice>
        ) : null}
        <Form
          label={t('coordinator.invites.newTitle')}
          submitLabel={t('coordinator.invites.create')}
          busy={create.isPending}
          error={create.error}
          onSubmit={(form) => create.mutate({ note: form.text('note'), maxUses: form.number('maxUses'), expiresInDays: form.number('expiresInDays') })}
        >
          {(error) => (
            <>
              <TextField name="note" label={t('coordinator.invites.note')} hint={t('coordinator.invites.noteHint')} optional error={fieldError(error, 'note')} />
              <TextField name="maxUses" label={t('coordinator.invites.maxUses')} hint={t('coordinator.invites.maxUsesHint')} inputMode="numeric" short defaultValue="1" error={fieldError(error, 'maxUses')} />
              <TextField name="expiresInDays" label={t('coordinator.invites.expiresInDays')} hint={t('coordinator.invites.expiresInDaysHint')} inputMode="numeric" short defaultValue="14" error={fieldError(error, 'expiresInDays')} />
            </>
          )}
        </Form>
      </Card>
      <h3>{t('coordinator.invites.listTitle')}</h3>
      {revoke.isError ? <ErrorState error={revoke.error} /> : null}
      <QueryView query={invites}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('coordinator.invites.emptyTitle')}>{t('coordinator.invites.empty')}</EmptyState>
          ) : (
            <List>
              {list.map((invite) => (
                <ListItem
                  key={invite.id}
                  actions={
                    isLive(invite) ? (
                      <Button variant="secondary" busy={revoke.isPending && revoke.variables === invite.id} onClick={() => revoke.mutate(invite.id)} aria-label={t('coordinator.invites.revokeNamed', { note: invite.note || formatDate(invite.createdAt) })}>
                        {t('coordinator.invites.revoke')}
                      </Button>
                    ) : null
                  }
                >
                  <p>
                    <strong>{invite.note || t('coordinator.invites.noNote')}</strong>
                  </p>
                  <p className="text-small text-muted">
                    {t('coordinator.invites.uses', { uses: invite.uses, max: invite.maxUses })} · {describe(invite)}
                  </p>
                </ListItem>
              ))}
            </List>
          )
        }
      </QueryView>
    </section>
  );
}

const isLive = (invite: Invite) => !invite.revoked && invite.uses < invite.maxUses && new Date(invite.expiresAt) > new Date();

function describe(invite: Invite): string {
  if (invite.revoked) return t('coordinator.invites.revoked');
  if (invite.uses >= invite.maxUses) return t('coordinator.invites.usedUp');
  if (new Date(invite.expiresAt) <= new Date()) return t('coordinator.invites.expired', { date: formatDate(invite.expiresAt) });
  return t('coordinator.invites.expires', { date: formatDate(invite.expiresAt) });
}
