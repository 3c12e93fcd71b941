import { Navigate, useNavigate } from 'react-router';
import { CommunityFields, readCommunity } from '../../../components/community-fields.tsx';
import { Fieldset, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useCompleteSetup, useSetupStatus } from '../api.ts';

/** First run: the person installing Kith creates their administrator account and first community. */
export function SetupPage() {
  const status = useSetupStatus();
  const setup = useCompleteSetup();
  const navigate = useNavigate();

  return (
    <div className="narrow">
      <PageHeader title={t('setup.title')} lead={t('setup.lead')} />
      <QueryView query={status}>
        {({ required }) =>
          !required && !setup.isSuccess ? (
            <Navigate to="/" replace />
          ) : (
            <Form
              submitLabel={t('setup.submit')}
              busy={setup.isPending}
              error={setup.error}
              onSubmit={(form) =>
                setup.mutate(
                  {
                    admin: { displayName: form.text('admin.displayName'), email: form.text('admin.email'), password: form.text('admin.password') },
                    community: readCommunity(form, 'community.'),
                  },
                  { onSuccess: () => navigate('/', { replace: true }) },
                )
              }
            >
              {(error) => (
                <>
                  <Fieldset legend={t('setup.adminLegend')} hint={t('setup.adminHint')}>
                    <TextField name="admin.displayName" label={t('fields.displayName')} autoComplete="name" required error={fieldError(error, 'admin.displayName')} />
                    <TextField name="admin.email" type="email" label={t('fields.email')} autoComplete="email" required error={fieldError(error, 'admin.email')} />
                    <TextField name="admin.password" type="password" label={t('fields.newPassword')} hint={t('fields.passwordHint')} autoComplete="new-password" required error={fieldError(error, 'admin.password')} />
                  </Fieldset>
                  <Fieldset legend={t('setup.communityLegend')} hint={t('setup.communityHint')}>
                    <CommunityFields error={error} prefix="community." />
                  </Fieldset>
                </>
              )}
            </Form>
          )
        }
      </QueryView>
    </div>
  );
}
