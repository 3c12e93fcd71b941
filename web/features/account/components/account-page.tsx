import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { Checkbox, Fieldset, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { SummaryList } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useSession } from '../../../lib/session.ts';
import { useChangeEmail, useChangePassword, useDeleteAccount, useDownloadMyData, useNotificationPreferences, useUpdateNotificationPreferences } from '../api.ts';

/** Account settings: sign-in details, what Kith tells you about, a copy of one's data, and deleting the account. */
export function AccountPage() {
  const { data: session } = useSession();
  const user = session?.user;
  if (!user) return null;
  return (
    <div className="narrow">
      <PageHeader title={t('account.title')} lead={t('account.lead')} />
      {user.suspended ? (
        <Notice tone="warning" title={t('account.suspendedTitle')}>
          <p>{t('account.suspended')}</p>
        </Notice>
      ) : null}
      <SummaryList
        items={[
          { label: t('fields.displayName'), value: user.displayName },
          { label: t('fields.email'), value: user.email },
        ]}
      />
      <Notifications email={user.email} />
      <ChangePassword />
      <ChangeEmail />
      <DownloadData />
      <DeleteAccount />
    </div>
  );
}

/**
 * What Kith tells the person about, apart from what neighbours may see on their profile. The
 * emails link here (?section=notifications), so the card is brought into view and focused.
 */
function Notifications({ email }: { email: string }) {
  const [params] = useSearchParams();
  const preferences = useNotificationPreferences();
  const update = useUpdateNotificationPreferences();
  const section = useRef<HTMLDivElement>(null);
  const linkedTo = params.get('section') === 'notifications';
  const loaded = preferences.data !== undefined;
  useEffect(() => {
    if (linkedTo && loaded) {
      section.current?.scrollIntoView({ block: 'start' });
      section.current?.focus();
    }
  }, [linkedTo, loaded]);
  return (
    <div id="notifications" ref={section} tabIndex={-1}>
      <Card title={t('account.notifications.title')}>
        <p>{t('account.notifications.lead')}</p>
        {update.isSuccess ? (
          <Notice tone="success">
            <p>{t('account.notifications.saved')}</p>
          </Notice>
        ) : null}
        <QueryView query={preferences}>
          {(current) => (
            <Form
              label={t('account.notifications.title')}
              submitLabel={t('account.notifications.submit')}
              busy={update.isPending}
              error={update.error}
              onSubmit={(form) =>
                update.mutate({
                  matchingRequestsInApp: form.checked('matchingRequestsInApp'),
                  matchingRequestsEmail: form.checked('matchingRequestsEmail'),
                  exchangesEmail: form.checked('exchangesEmail'),
                })
              }
            >
              <Fieldset legend={t('account.notifications.matching')}>
                <Checkbox name="matchingRequestsInApp" label={t('account.notifications.inApp')} defaultChecked={current.matchingRequestsInApp} />
                <Checkbox name="matchingRequestsEmail" label={t('account.notifications.email')} hint={t('account.notifications.emailHint', { email })} defaultChecked={current.matchingRequestsEmail} />
              </Fieldset>
              <Fieldset legend={t('account.notifications.exchanges')} hint={t('account.notifications.exchangesHint')}>
                <Checkbox name="exchangesEmail" label={t('account.notifications.exchangesEmail')} hint={t('account.notifications.exchangesEmailHint', { email })} defaultChecked={current.exchangesEmail} />
              </Fieldset>
            </Form>
          )}
        </QueryView>
      </Card>
    </div>
  );
}

function ChangePassword() {
  const change = useChangePassword();
  const [key, setKey] = useState(0);
  return (
    <Card title={t('account.password.title')}>
      {change.isSuccess ? (
        <Notice tone="success">
          <p>{t('account.password.done')}</p>
        </Notice>
      ) : null}
      <Form
        key={key}
        label={t('account.password.title')}
        submitLabel={t('account.password.submit')}
        busy={change.isPending}
        error={change.error}
        onSubmit={(form) => change.mutate({ currentPassword: form.text('currentPassword'), newPassword: form.text('newPassword') }, { onSuccess: () => setKey(key + 1) })}
      >
        <TextField name="currentPassword" id="password-current" type="password" label={t('fields.currentPassword')} autoComplete="current-password" required error={fieldError(change.error, 'currentPassword')} />
        <TextField name="newPassword" type="password" label={t('fields.newPassword')} hint={t('fields.passwordHint')} autoComplete="new-password" required error={fieldError(change.error, 'newPassword')} />
      </Form>
    </Card>
  );
}

function ChangeEmail() {
  const change = useChangeEmail();
  return (
    <Card title={t('account.email.title')}>
      <p>{t('account.email.lead')}</p>
      {change.isSuccess ? (
        <Notice tone="success" title={t('account.email.sentTitle')}>
          <p>{t('account.email.sent', { email: change.variables.newEmail })}</p>
        </Notice>
      ) : (
        <Form
          label={t('account.email.title')}
          submitLabel={t('account.email.submit')}
          busy={change.isPending}
          error={change.error}
          onSubmit={(form) => change.mutate({ newEmail: form.text('newEmail'), currentPassword: form.text('currentPassword') })}
        >
          <TextField name="newEmail" type="email" label={t('fields.newEmail')} autoComplete="email" required error={fieldError(change.error, 'newEmail')} />
          <TextField name="currentPassword" id="email-current-password" type="password" label={t('fields.currentPassword')} autoComplete="current-password" required error={fieldError(change.error, 'currentPassword')} />
        </Form>
      )}
    </Card>
  );
}

function DownloadData() {
  const download = useDownloadMyData();
  return (
    <Card title={t('account.export.title')}>
      <p>{t('account.export.lead')}</p>
      {download.isError ? <ErrorState error={download.error} /> : null}
      {download.isSuccess ? (
        <Notice tone="success">
          <p>{t('account.export.done')}</p>
        </Notice>
      ) : null}
      <Button variant="secondary" busy={download.isPending} onClick={() => download.mutate()}>
        {t('account.export.submit')}
      </Button>
    </Card>
  );
}

function DeleteAccount() {
  const [open, setOpen] = useState(false);
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  return (
    <Card title={t('account.delete.title')}>
      <p>{t('account.delete.lead')}</p>
      {!open ? (
        <Button variant="danger" onClick={() => setOpen(true)}>
          {t('account.delete.start')}
        </Button>
      ) : (
        <>
          <Notice tone="warning" title={t('account.delete.warningTitle')}>
            <p>{t('account.delete.warning')}</p>
          </Notice>
          <Form
            label={t('account.delete.title')}
            submitLabel={t('account.delete.submit')}
            submitVariant="danger"
            busy={remove.isPending}
            error={remove.error}
            onSubmit={(form) => remove.mutate(form.text('currentPassword'), { onSuccess: () => navigate('/account-deleted', { replace: true }) })}
            actions={
              <Button variant="link" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
            }
          >
            <TextField name="currentPassword" id="delete-current-password" type="password" label={t('fields.currentPassword')} autoComplete="current-password" required error={fieldError(remove.error, 'currentPassword')} />
          </Form>
        </>
      )}
    </Card>
  );
}
