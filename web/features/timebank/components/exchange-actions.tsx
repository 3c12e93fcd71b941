import type { ReactNode } from 'react';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { Radios, TextArea } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { ExchangeDetail } from '../../../../common/exchanges.ts';
import { useAddReference, useExchangeStep, useReverseExchange } from '../api/exchanges.ts';
import { formatDuration, readDuration } from '../duration.ts';
import { DurationField } from './duration-field.tsx';

type Props = { exchange: ExchangeDetail; onDone: (message: string) => void };

/**
 * The steps open to the viewer now, each as a button or a short form. The server lists them
 * (allowedActions) from the same rules it enforces, so nobody sees a button that would fail.
 */
export function ExchangeActions({ exchange, onDone }: Props) {
  const can = new Set(exchange.allowedActions);
  const main: ReactNode[] = [];
  if (can.has('accept') || can.has('decline')) main.push(<RespondCard key="respond" exchange={exchange} onDone={onDone} />);
  if (can.has('approve') || can.has('refuse')) main.push(<ApprovalCard key="approval" exchange={exchange} onDone={onDone} />);
  if (can.has('record')) main.push(<RecordCard key="record" exchange={exchange} onDone={onDone} />);
  if (can.has('confirm') || can.has('adjust')) main.push(<ConfirmCard key="confirm" exchange={exchange} onDone={onDone} />);
  if (can.has('accept_adjustment')) main.push(<AcceptAdjustmentCard key="adjustment" exchange={exchange} onDone={onDone} />);
  if (can.has('resolve')) main.push(<ResolveCard key="resolve" exchange={exchange} onDone={onDone} />);
  if (can.has('reference')) main.push(<ReferenceCard key="reference" exchange={exchange} onDone={onDone} />);
  const other: ReactNode[] = [];
  if (can.has('cancel')) other.push(<ReasonForm key="cancel" exchange={exchange} onDone={onDone} kind="cancel" />);
  if (can.has('dispute')) other.push(<ReasonForm key="dispute" exchange={exchange} onDone={onDone} kind="dispute" />);
  if (can.has('reverse')) other.push(<ReverseForm key="reverse" exchange={exchange} onDone={onDone} />);
  if (main.length === 0 && other.length === 0) return null;
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('timebank.actions.title')}</h2>
      <div className="actions-grid">{main}</div>
      {other.length > 0 ? (
        <>
          <h3>{t('timebank.actions.otherTitle')}</h3>
          {other}
        </>
      ) : null}
    </section>
  );
}

function RespondCard({ exchange, onDone }: Props) {
  const { communityId } = useActiveCommunity();
  const accept = useExchangeStep(communityId, exchange.id);
  const decline = useExchangeStep(communityId, exchange.id);
  const asker = exchange.proposedBy.displayName;
  return (
    <Card title={exchange.viewerRole === 'provider' ? t('timebank.actions.respondHelper', { name: asker }) : t('timebank.actions.respondHelped', { name: asker })} headingLevel={3}>
      {exchange.description ? <p>“{exchange.description}”</p> : null}
      {exchange.proposedMinutes !== null ? <p>{t('timebank.actions.aboutTime', { time: formatDuration(exchange.proposedMinutes) })}</p> : null}
      {accept.isError ? <ErrorState error={accept.error} /> : null}
      <div className="button-row">
        <Button busy={accept.isPending} onClick={() => accept.mutate({ action: 'accept' }, { onSuccess: () => onDone(t('timebank.done.accept')) })}>
          {t('timebank.actions.accept')}
        </Button>
      </div>
      <details>
        <summary>{t('timebank.actions.declineSummary')}</summary>
        <Form
          label={t('timebank.actions.decline')}
          submitLabel={t('timebank.actions.decline')}
          submitVariant="danger"
          busy={decline.isPending}
          error={decline.error}
          onSubmit={(form) => decline.mutate({ action: 'decline', body: { reason: form.text('reason') } }, { onSuccess: () => onDone(t('timebank.done.decline')) })}
        >
          {(shown) => <TextArea name="reason" id="decline-reason" label={t('timebank.actions.declineReason')} hint={t('timebank.actions.declineReasonHint')} optional rows={2} error={fieldError(shown, 'reason')} />}
        </Form>
      </details>
    </Card>
  );
}

function ApprovalCard({ exchange, onDone }: Props) {
  const { communityId } = useActiveCommunity();
  const decide = useExchangeStep(communityId, exchange.id);
  return (
    <Card title={t('timebank.actions.approvalTitle')} headingLevel={3}>
      <p>{t('timebank.actions.approvalLead', { helper: exchange.provider.displayName, helped: exchange.receiver.displayName, skill: exchange.skill.label })}</p>
      <Form
        label={t('timebank.actions.approvalTitle')}
        submitLabel={t('timebank.actions.approvalSave')}
        busy={decide.isPending}
        error={decide.error}
        onSubmit={(form) => {
          const decision = form.text('decision') === 'refuse' ? 'refuse' : 'approve';
          decide.mutate({ action: 'approval', body: { decision, note: form.text('note') } }, { onSuccess: () => onDone(t(decision === 'approve' ? 'timebank.done.approve' : 'timebank.done.refuse')) });
        }}
      >
        {(shown) => (
          <>
            <Radios
              name="decision"
              id={`decision-${exchange.id}`}
              legend={t('timebank.actions.approvalDecision')}
              defaultValue="approve"
              error={fieldError(shown, 'decision')}
              options={[
                { value: 'approve', label: t('timebank.actions.approve'), hint: t('timebank.actions.approveHint') },
                { value: 'refuse', label: t('timebank.actions.refuse'), hint: t('timebank.actions.refuseHint') },
              ]}
            />
            <TextArea name="note" id={`approval-note-${exchange.id}`} label={t('timebank.actions.approvalNote')} optional rows={2} error={fieldError(shown, 'note')} />
          </>
        )}
      </Form>
    </Card>
  );
}

function RecordCard({ exchange, onDone }: Props) {
  const { communityId } = useActiveCommunity();
  const record = useExchangeStep(communityId, exchange.id);
  return (
    <Card title={t('timebank.actions.recordTitle')} headingLevel={3}>
      <p>{t('timebank.actions.recordLead', { name: exchange.receiver.displayName })}</p>
      <Form
        label={t('timebank.actions.recordTitle')}
        submitLabel={t('timebank.actions.record')}
        busy={record.isPending}
        error={record.error}
        onSubmit={(form) => {
          const minutes = readDuration(form, 'minutes');
          record.mutate({ action: 'record', body: { minutes, note: form.text('note') } }, { onSuccess: () => onDone(t('timebank.done.record', { time: formatDuration(minutes), name: exchange.receiver.displayName })) });
        }}
      >
        {(shown) => (
          <>
            <DurationField name="minutes" idPrefix="record-" legend={t('timebank.actions.recordMinutes')} hint={t('timebank.actions.recordMinutesHint')} defaultMinutes={exchange.proposedMinutes} error={shown} />
            <TextArea name="note" id="record-note" label={t('timebank.actions.recordNote')} hint={t('timebank.actions.recordNoteHint')} optional rows={2} error={fieldError(shown, 'note')} />
          </>
        )}
      </Form>
    </Card>
  );
}

function ConfirmCard({ exchange, onDone }: Props) {
  const { communityId } = useActiveCommunity();
  const confirm = useExchangeStep(communityId, exchange.id);
  const adjust = useExchangeStep(communityId, exchange.id);
  const time = formatDuration(exchange.recordedMinutes ?? 0);
  return (
    <Card title={t('timebank.actions.confirmTitle')} headingLevel={3}>
      <p>{t('timebank.actions.confirmLead', { name: exchange.provider.displayName, time })}</p>
      {confirm.isError ? <ErrorState error={confirm.error} /> : null}
      {exchange.allowedActions.includes('confirm') ? (
        <div className="button-row">
          <Button busy={confirm.isPending} onClick={() => confirm.mutate({ action: 'confirm' }, { onSuccess: () => onDone(t('timebank.done.confirm', { time, name: exchange.provider.displayName })) })}>
            {t('timebank.actions.confirm', { time })}
          </Button>
        </div>
      ) : null}
      {exchange.allowedActions.includes('adjust') ? (
        <details>
          <summary>{t('timebank.actions.adjustSummary')}</summary>
          <Form
            label={t('timebank.actions.adjustTitle')}
            submitLabel={t('timebank.actions.adjust')}
            busy={adjust.isPending}
            error={adjust.error}
            onSubmit={(form) => {
              const minutes = readDuration(form, 'minutes');
              adjust.mutate({ action: 'adjust', body: { minutes, note: form.text('note') } }, { onSuccess: () => onDone(t('timebank.done.adjust', { time: formatDuration(minutes), name: exchange.provider.displayName })) });
            }}
          >
            {(shown) => (
              <>
                <DurationField name="minutes" idPrefix="adjust-" legend={t('timebank.actions.adjustMinutes')} defaultMinutes={exchange.recordedMinutes} error={shown} />
                <TextArea name="note" id="adjust-note" label={t('timebank.actions.adjustNote')} hint={t('timebank.actions.adjustNoteHint')} rows={2} error={fieldError(shown, 'note')} />
              </>
            )}
          </Form>
        </details>
      ) : null}
    </Card>
  );
}

function AcceptAdjustmentCard({ exchange, onDone }: Props) {
  const { communityId } = useActiveCommunity();
  const accept = useExchangeStep(communityId, exchange.id);
  const adjustment = exchange.pendingAdjustment;
  if (!adjustment) return null;
  const time = formatDuration(adjustment.minutes);
  return (
    <Card title={t('timebank.actions.adjustedTitle')} headingLevel={3}>
      <p>{t('timebank.actions.adjustedLead', { name: exchange.receiver.displayName, time, recorded: formatDuration(exchange.recordedMinutes ?? 0) })}</p>
      {adjustment.note ? <p>“{adjustment.note}”</p> : null}
      {accept.isError ? <ErrorState error={accept.error} /> : null}
      <div className="button-row">
        <Button busy={accept.isPending} onClick={() => accept.mutate({ action: 'accept-adjustment' }, { onSuccess: () => onDone(t('timebank.done.acceptAdjustment', { time })) })}>
          {t('timebank.actions.acceptAdjustment', { time })}
        </Button>
      </div>
      <p className="text-small text-muted">{t('timebank.actions.adjustedHint')}</p>
    </Card>
  );
}

function ResolveCard({ exchange, onDone }: Props) {
  const { communityId } = useActiveCommunity();
  const resolve = useExchangeStep(communityId, exchange.id);
  const reason = [...exchange.events].reverse().find((event) => event.kind === 'disputed');
  return (
    <Card title={t('timebank.actions.resolveTitle')} headingLevel={3}>
      {reason ? <p>{t('timebank.actions.resolveReason', { name: reason.actor?.displayName ?? '', reason: reason.note })}</p> : null}
      <Form
        label={t('timebank.actions.resolveTitle')}
        submitLabel={t('timebank.actions.resolve')}
        busy={resolve.isPending}
        error={resolve.error}
        onSubmit={(form) => {
          const minutes = readDuration(form, 'minutes');
          const upheldAgainst = form.text('upheldAgainst') as 'provider' | 'receiver' | 'neither';
          resolve.mutate({ action: 'resolution', body: { minutes, upheldAgainst: upheldAgainst || 'neither', note: form.text('note') } }, { onSuccess: () => onDone(t('timebank.done.resolve')) });
        }}
      >
        {(shown) => (
          <>
            <DurationField name="minutes" idPrefix="resolve-" legend={t('timebank.actions.resolveMinutes')} hint={t('timebank.actions.resolveMinutesHint')} defaultMinutes={exchange.pendingAdjustment?.minutes ?? exchange.recordedMinutes ?? 0} error={shown} />
            <Radios
              name="upheldAgainst"
              id="resolve-upheld"
              legend={t('timebank.actions.resolveAgainst')}
              hint={t('timebank.actions.resolveAgainstHint')}
              defaultValue="neither"
              error={fieldError(shown, 'upheldAgainst')}
              options={[
                { value: 'neither', label: t('timebank.actions.resolveNeither') },
                { value: 'provider', label: t('timebank.actions.resolveAgainstName', { name: exchange.provider.displayName }) },
                { value: 'receiver', label: t('timebank.actions.resolveAgainstName', { name: exchange.receiver.displayName }) },
              ]}
            />
            <TextArea name="note" id="resolve-note" label={t('timebank.actions.resolveNote')} hint={t('timebank.actions.resolveNoteHint')} rows={3} error={fieldError(shown, 'note')} />
          </>
        )}
      </Form>
    </Card>
  );
}

function ReferenceCard({ exchange, onDone }: Props) {
  const { communityId } = useActiveCommunity();
  const add = useAddReference(communityId, exchange.id);
  const other = exchange.viewerRole === 'provider' ? exchange.receiver : exchange.provider;
  return (
    <Card title={t('timebank.actions.referenceTitle', { name: other.displayName })} headingLevel={3}>
      <p>{t('timebank.actions.referenceLead')}</p>
      <Form
        label={t('timebank.actions.referenceTitle', { name: other.displayName })}
        submitLabel={t('timebank.actions.referenceSave')}
        busy={add.isPending}
        error={add.error}
        onSubmit={(form) =>
          add.mutate({ body: form.text('body'), wouldExchangeAgain: form.text('wouldExchangeAgain') !== 'no' }, { onSuccess: () => onDone(t('timebank.done.reference', { name: other.displayName })) })
        }
      >
        {(shown) => (
          <>
            <TextArea name="body" id="reference-body" label={t('timebank.actions.referenceBody')} hint={t('timebank.actions.referenceBodyHint', { name: other.displayName })} rows={3} error={fieldError(shown, 'body')} />
            <Radios
              name="wouldExchangeAgain"
              id="reference-again"
              legend={t('timebank.actions.referenceAgain', { name: other.displayName })}
              defaultValue="yes"
              error={fieldError(shown, 'wouldExchangeAgain')}
              options={[
                { value: 'yes', label: t('common.yes') },
                { value: 'no', label: t('common.no') },
              ]}
            />
          </>
        )}
      </Form>
    </Card>
  );
}

function ReasonForm({ exchange, onDone, kind }: Props & { kind: 'cancel' | 'dispute' }) {
  const { communityId } = useActiveCommunity();
  const step = useExchangeStep(communityId, exchange.id);
  const cancel = kind === 'cancel';
  return (
    <details>
      <summary>{cancel ? t('timebank.actions.cancelSummary') : t('timebank.actions.disputeSummary')}</summary>
      <p>{cancel ? t('timebank.actions.cancelLead') : t('timebank.actions.disputeLead')}</p>
      <Form
        label={cancel ? t('timebank.actions.cancel') : t('timebank.actions.dispute')}
        submitLabel={cancel ? t('timebank.actions.cancel') : t('timebank.actions.dispute')}
        submitVariant="danger"
        busy={step.isPending}
        error={step.error}
        onSubmit={(form) => step.mutate({ action: kind, body: { reason: form.text('reason') } }, { onSuccess: () => onDone(t(cancel ? 'timebank.done.cancel' : 'timebank.done.dispute')) })}
      >
        {(shown) => (
          <TextArea
            name="reason"
            id={`${kind}-reason`}
            label={cancel ? t('timebank.actions.cancelReason') : t('timebank.actions.disputeReason')}
            hint={cancel ? undefined : t('timebank.actions.disputeReasonHint')}
            optional={cancel}
            rows={3}
            error={fieldError(shown, 'reason')}
          />
        )}
      </Form>
    </details>
  );
}

function ReverseForm({ exchange, onDone }: Props) {
  const { communityId } = useActiveCommunity();
  const reverse = useReverseExchange(communityId, exchange.id);
  if (!exchange.transactionId) return null;
  const transactionId = exchange.transactionId;
  return (
    <details>
      <summary>{t('timebank.actions.reverseSummary')}</summary>
      <p>{t('timebank.actions.reverseLead', { time: formatDuration(exchange.confirmedMinutes ?? 0) })}</p>
      <Form
        label={t('timebank.actions.reverse')}
        submitLabel={t('timebank.actions.reverse')}
        submitVariant="danger"
        busy={reverse.isPending}
        error={reverse.error}
        onSubmit={(form) => reverse.mutate({ transactionId, reason: form.text('reason') }, { onSuccess: () => onDone(t('timebank.done.reverse')) })}
      >
        {(shown) => <TextArea name="reason" id="reverse-reason" label={t('timebank.actions.reverseReason')} hint={t('timebank.actions.reverseReasonHint')} rows={2} error={fieldError(shown, 'reason')} />}
      </Form>
    </details>
  );
}
