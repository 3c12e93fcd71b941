import { ButtonLink } from '../../../components/button.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { t } from '../../../i18n/index.ts';

/** Where a person lands after deleting their account. */
export function AccountDeletedPage() {
  return (
    <div className="narrow">
      <PageHeader title={t('account.deleted.title')} />
      <Notice tone="success">
        <p>{t('account.deleted.body')}</p>
      </Notice>
      <ButtonLink to="/sign-up" variant="secondary">
        {t('account.deleted.again')}
      </ButtonLink>
    </div>
  );
}
