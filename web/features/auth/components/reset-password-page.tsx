import { Link, useSearchParams } from 'react-router';
import { ButtonLink } from '../../../components/button.tsx';
import { TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useResetPassword } from '../api.ts';

/** Choose a new password from the emailed link (/reset-password?token=…). */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();

  return (
    <div className="narrow">
      <PageHeader title={t('auth.reset.title')} />
      {!token ? (
        <Notice tone="error" title={t('auth.reset.noTokenTitle')}>
          <p>
            {t('auth.reset.noToken')} <Link to="/forgot-password">{t('auth.reset.askAgain')}</Link>
          </p>
        </Notice>
      ) : reset.isSuccess ? (
        <>
          <Notice tone="success" title={t('auth.reset.doneTitle')}>
            <p>{t('auth.reset.done')}</p>
          </Notice>
          <ButtonLink to="/sign-in">{t('auth.signIn.submit')}</ButtonLink>
        </>
      ) : (
        <Form submitLabel={t('auth.reset.submit')} busy={reset.isPending} error={reset.error} onSubmit={(form) => reset.mutate({ token, password: form.text('password') })}>
          <TextField name="password" type="password" label={t('fields.newPassword')} hint={t('fields.passwordHint')} autoComplete="new-password" required error={fieldError(reset.error, 'password')} />
        </Form>
      )}
    </div>
  );
}
