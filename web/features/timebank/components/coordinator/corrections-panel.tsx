import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../../components/button.tsx';
import { Card } from '../../../../components/card.tsx';
import { EmptyState } from '../../../../components/empty-state.tsx';
import { Select, TextArea } from '../../../../components/fields.tsx';
import { Form } from '../../../../components/form.tsx';
import { Notice } from '../../../../components/notice.tsx';
import { QueryView } from '../../../../components/query-view.tsx';
import { formatDateTime, t } from '../../../../i18n/index.ts';
import { fieldError } from '../../../../lib/form.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import type { LedgerTransaction } from '../../../../../common/ledger.ts';
import { TRANSACTIONS_PAGE_SIZE, useReverse, useTransactions, type TransactionFilter } from '../../api/ledger.ts';
import { formatDuration, formatSignedDuration } from '../../duration.ts';
import { TRANSACTION_KINDS, transactionKindName } from '../../labels.ts';

/**
 * The ledger's transactions, newest first. A mistake is corrected by reversing a transaction
 * with a reason (a new transaction that undoes it), never by editing or deleting.
 */
export function CorrectionsPanel() {
  const { communityId } = useActiveCommunity();
  const [filter, setFilter] = useState<TransactionFilter>({ kind: '', offset: 0 });
  const transactions = useTransactions(communityId, filter);
  return (
    <section aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{t('timebank.corrections.title')}</h2>
      <p>{t('timebank.corrections.lead')}</p>
      <form
        className="filters"
        aria-label={t('timebank.corrections.filterLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ kind: String(new FormData(event.currentTarget).get('kind') ?? '') as TransactionFilter['kind'], offset: 0 });
        }}
      >
        <Select name="kind" label={t('timebank.corrections.kind')} defaultValue={filter.kind} options={[{ value: '', label: t('timebank.corrections.anyKind') }, ...TRANSACTION_KINDS.map((kind) => ({ value: kind, label: transactionKindName(kind) }))]} />
        <Button type="submit">{t('timebank.exchanges.show')}</Button>
      </form>
      <QueryView query={transactions}>
        {(list) => {
          const page = list.slice(0, TRANSACTIONS_PAGE_SIZE);
          const more = list.length > TRANSACTIONS_PAGE_SIZE;
          return page.length === 0 ? (
            <EmptyState title={t('timebank.corrections.emptyTitle')}>{t('timebank.corrections.empty')}</EmptyState>
          ) : (
            <>
              <ul className="grid" aria-label={t('timebank.corrections.title')}>
                {page.map((transaction) => (
                  <TransactionCard key={transaction.id} transaction={transaction} />
                ))}
              </ul>
              {filter.offset > 0 || more ? (
                <nav className="pager" aria-label={t('pager.label')}>
                  <Button variant="secondary" disabled={filter.offset === 0} onClick={() => setFilter({ ...filter, offset: Math.max(0, filter.offset - TRANSACTIONS_PAGE_SIZE) })}>
                    {t('timebank.exchanges.newer')}
                  </Button>
                  <Button variant="secondary" disabled={!more} onClick={() => setFilter({ ...filter, offset: filter.offset + TRANSACTIONS_PAGE_SIZE })}>
                    {t('timebank.exchanges.older')}
                  </Button>
                </nav>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function TransactionCard({ transaction }: { transaction: LedgerTransaction }) {
  const { communityId } = useActiveCommunity();
  const reverse = useReverse(communityId);
  const [open, setOpen] = useState(false);
  const canReverse = transaction.kind !== 'reversal' && !transaction.reversedBy && !reverse.isSuccess;
  const title = `${transactionKindName(transaction.kind)}: ${formatDuration(transaction.minutes)}`;
  return (
    <Card as="li" title={title} headingLevel={3} meta={t('timebank.corrections.meta', { date: formatDateTime(transaction.postedAt), name: transaction.createdBy?.displayName ?? t('timebank.event.kith') })}>
      {transaction.note ? <p>“{transaction.note}”</p> : null}
      <ul className="text-small">
        {transaction.entries.map((entry) => (
          <li key={entry.accountId}>
            {entry.userId ? <Link to={`/timebank/statement?userId=${entry.userId}`}>{entry.displayName}</Link> : entry.displayName}: {formatSignedDuration(entry.amount)}
          </li>
        ))}
      </ul>
      {transaction.exchangeId ? (
        <p>
          <Link to={`/timebank/exchanges/${transaction.exchangeId}`}>{t('timebank.corrections.seeExchange')}</Link>
        </p>
      ) : null}
      {transaction.reversedBy || reverse.isSuccess ? <p className="badge badge--warning">{t('timebank.corrections.reversed')}</p> : null}
      {transaction.reversesId ? <p className="text-small text-muted">{t('timebank.corrections.isReversal')}</p> : null}
      {reverse.isSuccess ? (
        <Notice tone="success">
          <p>{t('timebank.done.reverse')}</p>
        </Notice>
      ) : null}
      {canReverse && !open ? (
        <Button variant="secondary" onClick={() => setOpen(true)} aria-label={t('timebank.corrections.reverseNamed', { title })}>
          {t('timebank.corrections.reverse')}
        </Button>
      ) : null}
      {canReverse && open ? (
        <Form
          label={t('timebank.corrections.reverseNamed', { title })}
          submitLabel={t('timebank.actions.reverse')}
          submitVariant="danger"
          busy={reverse.isPending}
          error={reverse.error}
          onSubmit={(form) => reverse.mutate({ transactionId: transaction.id, reason: form.text('reason') })}
          actions={
            <Button variant="link" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          }
        >
          {(shown) => <TextArea name="reason" id={`reason-${transaction.id}`} label={t('timebank.actions.reverseReason')} hint={t('timebank.actions.reverseReasonHint')} rows={2} error={fieldError(shown, 'reason')} />}
        </Form>
      ) : null}
    </Card>
  );
}
