import { Link, useNavigate, useSearchParams } from 'react-router';
import { TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { safeNext, withNext } from '../../../lib/navigation.ts';
import { useSignIn } from '../api.ts';

/** Sign in with email and password, then go back to where the person was heading. */
export function SignInPage() {
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const error = signIn.error;

  return (
    <div className="narrow">
      <PageHeader title={t('auth.signIn.title')} lead={t('auth.signIn.lead')} />
      <Form
        submitLabel={t('auth.signIn.submit')}
        busy={signIn.isPending}
        error={error}
        onSubmit={(form) => signIn.mutate({ email: form.text('email'), password: form.text('password') }, { onSuccess: () => navigate(next, { replace: true }) })}
      >
        <TextField name="email" type="email" label={t('fields.email')} autoComplete="email" required error={fieldError(error, 'email')} />
        <TextField name="password" type="password" label={t('fields.password')} autoComplete="current-password" required error={fieldError(error, 'password')} />
      </Form>
      <p>
        <Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
      </p>
      <p>
        {t('auth.signIn.noAccount')} <Link to={next === '/' ? '/sign-up' : withNext('/sign-up', next)}>{t('auth.signIn.createAccount')}</Link>
      </p>
    </div>
  );
}
