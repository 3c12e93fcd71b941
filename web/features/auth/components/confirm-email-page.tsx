import { useSearchParams } from 'react-router';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { t } from '../../../i18n/index.ts';
import { useConfirmEmail } from '../api.ts';

/**
 * Confirms a new email address from the emailed link (/confirm-email?token=…). It waits for a
 * press of the button, because mail scanners open links and would otherwise use the token.
 */
export function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmEmail();

  return (
    <div className="narrow">
      <PageHeader title={t('auth.confirmEmail.title')} />
      {!token ? (
        <Notice tone="error" title={t('auth.confirmEmail.noTokenTitle')}>
          <p>{t('auth.confirmEmail.noToken')}</p>
        </Notice>
      ) : confirm.isSuccess ? (
        <>
          <Notice tone="success" title={t('auth.confirmEmail.doneTitle')}>
            <p>{t('auth.confirmEmail.done')}</p>
          </Notice>
          <ButtonLink to="/account">{t('auth.confirmEmail.toAccount')}</ButtonLink>
        </>
      ) : (
        <>
          <p>{t('auth.confirmEmail.lead')}</p>
          {confirm.isError ? <ErrorState error={confirm.error} /> : null}
          <Button busy={confirm.isPending} onClick={() => confirm.mutate(token)}>
            {t('auth.confirmEmail.submit')}
          </Button>
        </>
      )}
    </div>
  );
}
