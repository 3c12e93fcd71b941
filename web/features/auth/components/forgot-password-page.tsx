import { Link } from 'react-router';
import { TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useRequestPasswordReset } from '../api.ts';

/** Ask for a link to choose a new password. */
export function ForgotPasswordPage() {
  const reset = useRequestPasswordReset();
  return (
    <div className="narrow">
      <PageHeader title={t('auth.forgot.title')} lead={t('auth.forgot.lead')} />
      {reset.isSuccess ? (
        <Notice tone="success" title={t('auth.forgot.sentTitle')}>
          <p>{t('auth.forgot.sent', { email: reset.variables })}</p>
        </Notice>
      ) : (
        <Form submitLabel={t('auth.forgot.submit')} busy={reset.isPending} error={reset.error} onSubmit={(form) => reset.mutate(form.text('email'))}>
          <TextField name="email" type="email" label={t('fields.email')} autoComplete="email" required error={fieldError(reset.error, 'email')} />
        </Form>
      )}
      <p>
        <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
      </p>
    </div>
  );
}
