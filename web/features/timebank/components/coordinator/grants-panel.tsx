import { Card } from '../../../../components/card.tsx';
import { TextArea } from '../../../../components/fields.tsx';
import { Form } from '../../../../components/form.tsx';
import { Notice } from '../../../../components/notice.tsx';
import { t } from '../../../../i18n/index.ts';
import { fieldError } from '../../../../lib/form.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import { useFund, useGrant } from '../../api/ledger.ts';
import { formatBalance, formatDuration, readDuration } from '../../duration.ts';
import { DurationField } from '../duration-field.tsx';
import { MemberPicker } from './member-picker.tsx';

/** Granting hours from the community fund to a member, with the reason on record. */
export function GrantsPanel() {
  const { communityId } = useActiveCommunity();
  const fund = useFund(communityId);
  const grant = useGrant(communityId);
  return (
    <section aria-labelledby="grant-heading">
      <h2 id="grant-heading">{t('timebank.grant.title')}</h2>
      <p>{t('timebank.grant.lead')}</p>
      {fund.data ? <p><strong>{t('timebank.grant.fundHolds', { time: formatBalance(fund.data.balance) })}</strong></p> : null}
      {grant.isSuccess ? (
        <Notice tone="success" title={t('timebank.grant.doneTitle')}>
          <p>{t('timebank.grant.done', { time: formatDuration(grant.data.minutes), name: grant.data.entries.find((e) => e.amount > 0)?.displayName ?? '' })}</p>
        </Notice>
      ) : null}
      <Card>
        <Form
          label={t('timebank.grant.title')}
          submitLabel={t('timebank.grant.submit')}
          busy={grant.isPending}
          error={grant.error}
          onSubmit={(form, element) => grant.mutate({ userId: form.text('userId'), minutes: readDuration(form, 'minutes'), reason: form.text('reason') }, { onSuccess: () => element.reset() })}
        >
          {(shown) => (
            <>
              <MemberPicker name="userId" label={t('timebank.grant.who')} who={t('timebank.grant.whoLower')} error={fieldError(shown, 'userId')} />
              <DurationField name="minutes" legend={t('timebank.grant.minutes')} error={shown} />
              <TextArea name="reason" label={t('timebank.grant.reason')} hint={t('timebank.grant.reasonHint')} rows={2} error={fieldError(shown, 'reason')} />
            </>
          )}
        </Form>
      </Card>
    </section>
  );
}
