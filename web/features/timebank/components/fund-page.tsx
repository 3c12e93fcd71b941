import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Select, TextArea } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useActiveCommunity, useSession } from '../../../lib/session.ts';
import { useDonate, useFund } from '../api/ledger.ts';
import { useMyOrganisations } from '../api/listings.ts';
import { formatBalance, formatDuration, readDuration } from '../duration.ts';
import { DurationField } from './duration-field.tsx';
import { EntriesTable } from './statement-page.tsx';
import { TimebankNav } from './timebank-nav.tsx';

/** The community fund: what it holds, and a form to give some of your hours to it. */
export function FundPage() {
  const community = useActiveCommunity();
  const fund = useFund(community.communityId);
  return (
    <>
      <PageHeader title={t('timebank.fund.title')} lead={t('timebank.fund.lead', { name: community.name })} />
      <TimebankNav />
      <QueryView query={fund}>
        {(data) => (
          <>
            <ul className="grid grid--3" aria-label={t('timebank.fund.summary')}>
              <li className="card">
                <span className="stat">{formatBalance(data.balance)}</span>
                {t('timebank.fund.balance')}
              </li>
              <li className="card">
                <span className="stat">{formatDuration(data.donatedMinutes)}</span>
                {t('timebank.fund.donated')}
              </li>
              <li className="card">
                <span className="stat">{formatDuration(data.grantedMinutes)}</span>
                {t('timebank.fund.granted')}
              </li>
            </ul>
            {data.mode === 'participation' ? (
              <Notice tone="info">
                <p>{t('timebank.fund.participation')}</p>
              </Notice>
            ) : (
              <DonateCard />
            )}
            <h2>{t('timebank.fund.recentTitle')}</h2>
            {data.recent.length === 0 ? (
              <EmptyState title={t('timebank.fund.emptyTitle')}>{t('timebank.fund.empty')}</EmptyState>
            ) : (
              <EntriesTable entries={data.recent} showBalance caption={t('timebank.fund.recentTitle')} />
            )}
          </>
        )}
      </QueryView>
    </>
  );
}

/** Giving some of your hours (or an organisation's) to the fund. */
function DonateCard() {
  const community = useActiveCommunity();
  const { data: session } = useSession();
  const donate = useDonate(community.communityId);
  const organisations = useMyOrganisations(community.communityId, session?.user?.id);
  return (
    <Card title={t('timebank.fund.donateTitle')}>
      <p>{t('timebank.fund.donateLead')}</p>
      {donate.isSuccess ? (
        <Notice tone="success" title={t('timebank.fund.thanksTitle')}>
          <p>{t('timebank.fund.thanks', { time: formatDuration(donate.data.minutes) })}</p>
        </Notice>
      ) : null}
      <Form
        label={t('timebank.fund.donateTitle')}
        submitLabel={t('timebank.fund.donate')}
        busy={donate.isPending}
        error={donate.error}
        onSubmit={(form, element) =>
          donate.mutate({ minutes: readDuration(form, 'minutes'), note: form.text('note'), fromOrganisationId: form.text('fromOrganisationId') || undefined }, { onSuccess: () => element.reset() })
        }
      >
        {(shown) => (
          <>
            {organisations.data && organisations.data.length > 0 ? (
              <Select
                name="fromOrganisationId"
                label={t('timebank.fund.from')}
                error={fieldError(shown, 'fromOrganisationId')}
                options={[{ value: '', label: t('timebank.statement.mine') }, ...organisations.data.map((org) => ({ value: org.id, label: org.name }))]}
              />
            ) : null}
            <DurationField name="minutes" legend={t('timebank.fund.minutes')} hint={t('timebank.fund.minutesHint')} error={shown} />
            <TextArea name="note" label={t('timebank.fund.note')} hint={t('timebank.fund.noteHint')} optional rows={2} error={fieldError(shown, 'note')} />
          </>
        )}
      </Form>
    </Card>
  );
}
