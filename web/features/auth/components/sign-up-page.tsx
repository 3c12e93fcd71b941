import { Link, useNavigate, useSearchParams } from 'react-router';
import { TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { safeNext, withNext } from '../../../lib/navigation.ts';
import { useSignUp } from '../api.ts';

/** Create an account; then join a community (or go back to the invitation that brought them). */
export function SignUpPage() {
  const signUp = useSignUp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next') ? safeNext(params.get('next')) : '/join';
  const error = signUp.error;

  return (
    <div className="narrow">
      <PageHeader title={t('auth.signUp.title')} lead={t('auth.signUp.lead')} />
      <Form
        submitLabel={t('auth.signUp.submit')}
        busy={signUp.isPending}
        error={error}
        onSubmit={(form) =>
          signUp.mutate(
            { displayName: form.text('displayName'), email: form.text('email'), password: form.text('password') },
            { onSuccess: () => navigate(next, { replace: true }) },
          )
        }
      >
        <TextField name="displayName" label={t('fields.displayName')} hint={t('fields.displayNameHint')} autoComplete="name" required error={fieldError(error, 'displayName')} />
        <TextField name="email" type="email" label={t('fields.email')} hint={t('fields.emailHint')} autoComplete="email" required error={fieldError(error, 'email')} />
        <TextField name="password" type="password" label={t('fields.newPassword')} hint={t('fields.passwordHint')} autoComplete="new-password" required error={fieldError(error, 'password')} />
      </Form>
      <p>
        {t('auth.signUp.haveAccount')} <Link to={params.get('next') ? withNext('/sign-in', next) : '/sign-in'}>{t('auth.signUp.signIn')}</Link>
      </p>
    </div>
  );
}
