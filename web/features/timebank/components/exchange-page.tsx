import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { SummaryList } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, formatDateTime, t, type MessageKey } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { ExchangeDetail } from '../../../../common/exchanges.ts';
import { useExchange } from '../api/exchanges.ts';
import { formatDuration } from '../duration.ts';
import { eventText, statusName, statusTone } from '../labels.ts';
import { ExchangeActions } from './exchange-actions.tsx';
import { TimebankNav } from './timebank-nav.tsx';

/** The other person, as the viewer sees the exchange. */
function otherParty(exchange: ExchangeDetail) {
  return exchange.viewerRole === 'provider' ? exchange.receiver : exchange.provider;
}

/** What is happening now and who needs to act, in one plain sentence. */
function situation(ex: ExchangeDetail): string {
  const helper = ex.provider.displayName;
  const helped = ex.receiver.displayName;
  const you = ex.viewerRole;
  switch (ex.status) {
    case 'proposed':
      if (ex.approval === 'pending') return t('timebank.situation.awaitingApproval');
      return ex.allowedActions.includes('accept') ? t('timebank.situation.proposedToYou', { name: ex.proposedBy.displayName }) : t('timebank.situation.proposedByYou', { name: otherParty(ex).displayName });
    case 'accepted':
      if (ex.approval === 'pending') return t('timebank.situation.awaitingApproval');
      return you === 'provider' ? t('timebank.situation.acceptedHelper') : t('timebank.situation.acceptedOther', { name: helper });
    case 'done':
      if (ex.pendingAdjustment) return you === 'provider' ? t('timebank.situation.adjustedHelper', { name: helped }) : t('timebank.situation.adjustedOther', { name: helper });
      return you === 'receiver' ? t('timebank.situation.doneReceiver', { name: helper }) : t('timebank.situation.doneOther', { name: helped });
    case 'confirmed':
      return ex.reversed ? t('timebank.situation.reversed') : t('timebank.situation.confirmed', { time: formatDuration(ex.confirmedMinutes ?? 0), helper, helped });
    case 'declined':
      return ex.approval === 'refused' ? t('timebank.situation.refused') : t('timebank.situation.declined');
    case 'cancelled':
      return t('timebank.situation.cancelled');
    case 'disputed':
      return t('timebank.situation.disputed');
    case 'resolved':
      return ex.reversed ? t('timebank.situation.reversed') : t('timebank.situation.resolved', { time: formatDuration(ex.confirmedMinutes ?? 0) });
  }
}

/** An exchange's page: where it stands, what the viewer can do now, and its timeline. */
export function ExchangePage() {
  const { communityId } = useActiveCommunity();
  const { exchangeId = '' } = useParams();
  const exchange = useExchange(communityId, exchangeId);
  // The last step taken here, kept with its exchange so it never shows on another one.
  const [last, setLast] = useState<{ exchangeId: string; message: string } | null>(null);
  const done = last?.exchangeId === exchangeId ? last.message : null;
  const doneRef = useRef<HTMLDivElement>(null);
  // After a step the form that was used disappears; the confirmation takes focus instead.
  useEffect(() => {
    if (last) doneRef.current?.focus();
  }, [last]);

  return (
    <QueryView query={exchange}>
      {(ex) => (
        <>
          <PageHeader
            title={ex.viewerRole === 'coordinator' ? t('timebank.exchange.titleCoordinator', { skill: ex.skill.label, helper: ex.provider.displayName, helped: ex.receiver.displayName }) : t('timebank.exchange.title', { skill: ex.skill.label, name: otherParty(ex).displayName })}
            lead={ex.viewerRole === 'provider' ? t('timebank.exchange.youHelp', { name: ex.receiver.displayName }) : ex.viewerRole === 'receiver' ? t('timebank.exchange.theyHelp', { name: ex.provider.displayName }) : undefined}
          />
          <TimebankNav />
          {done ? (
            <Notice tone="success" focusRef={doneRef}>
              <p>{done}</p>
            </Notice>
          ) : null}
          <div className="badges">
            <span className={`badge ${statusTone(ex.status)}`}>{statusName(ex.status)}</span>
            {ex.proxyRecordedBy ? <span className="badge badge--role">{t('timebank.exchange.proxyBadge')}</span> : null}
            {ex.reversed ? <span className="badge badge--warning">{t('timebank.exchange.reversedBadge')}</span> : null}
          </div>
          <Notice tone={ex.status === 'disputed' ? 'warning' : 'info'} title={t('timebank.exchange.nowTitle')}>
            <p>{situation(ex)}</p>
            {ex.autoConfirmAt && ex.status === 'done' ? <p>{t('timebank.exchange.autoConfirm', { date: formatDate(ex.autoConfirmAt) })}</p> : null}
          </Notice>
          <ExchangeActions exchange={ex} onDone={(message) => setLast({ exchangeId: ex.id, message })} />
          <h2>{t('timebank.exchange.detailsTitle')}</h2>
          <SummaryList items={details(ex)} />
          <Timeline exchange={ex} />
          <References exchange={ex} />
          <p>
            <Link to="/timebank/exchanges">{t('timebank.exchange.backToList')}</Link>
          </p>
        </>
      )}
    </QueryView>
  );
}

const APPROVAL_KEYS: Record<ExchangeDetail['approval'], MessageKey> = {
  not_needed: 'timebank.approval.not_needed',
  pending: 'timebank.approval.pending',
  approved: 'timebank.approval.approved',
  refused: 'timebank.approval.refused',
};

function details(ex: ExchangeDetail) {
  const items = [
    { label: t('timebank.exchange.helper'), value: <Link to={`/members/${ex.provider.id}`}>{ex.provider.displayName}</Link> },
    { label: t('timebank.exchange.helped'), value: <Link to={`/members/${ex.receiver.id}`}>{ex.receiver.displayName}</Link> },
    { label: t('timebank.exchange.skill'), value: ex.skill.label },
  ];
  if (ex.description) items.push({ label: t('timebank.exchange.description'), value: ex.description });
  if (ex.listingId) items.push({ label: t('timebank.exchange.listing'), value: <Link to={`/timebank/listings/${ex.listingId}`}>{t('timebank.exchange.seeListing')}</Link> });
  if (ex.proposedMinutes !== null) items.push({ label: t('timebank.exchange.proposedMinutes'), value: formatDuration(ex.proposedMinutes) });
  if (ex.scheduledFor) items.push({ label: t('timebank.exchange.when'), value: formatDateTime(ex.scheduledFor) });
  if (ex.recordedMinutes !== null) items.push({ label: t('timebank.exchange.recorded'), value: formatDuration(ex.recordedMinutes) });
  if (ex.pendingAdjustment) items.push({ label: t('timebank.exchange.adjusted'), value: formatDuration(ex.pendingAdjustment.minutes) });
  if (ex.confirmedMinutes !== null) items.push({ label: t('timebank.exchange.confirmed'), value: `${formatDuration(ex.confirmedMinutes)}${ex.confirmedAt ? ` (${formatDate(ex.confirmedAt)})` : ''}` });
  if (ex.approval !== 'not_needed') items.push({ label: t('timebank.exchange.approval'), value: t(APPROVAL_KEYS[ex.approval]) });
  if (ex.proxyRecordedBy) items.push({ label: t('timebank.exchange.proxy'), value: ex.proxyRecordedBy.displayName });
  return items;
}

function Timeline({ exchange }: { exchange: ExchangeDetail }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('timebank.exchange.timelineTitle')}</h2>
      <ol className="timeline">
        {exchange.events.map((event) => (
          <li key={event.id} className="timeline__item">
            <p>
              <strong>{eventText(event.kind, event.actor?.displayName ?? t('timebank.event.kith'))}</strong>
              {event.onBehalfOf ? ` ${t('timebank.event.onBehalfOf', { name: event.onBehalfOf.displayName })}` : ''}
              {event.minutes !== null ? `: ${formatDuration(event.minutes)}` : ''}
            </p>
            {event.note ? <p className="timeline__note">“{event.note}”</p> : null}
            <p className="text-small text-muted">
              <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function References({ exchange }: { exchange: ExchangeDetail }) {
  if (exchange.references.length === 0) return null;
  return (
    <section aria-labelledby="references-heading">
      <h2 id="references-heading">{t('timebank.exchange.referencesTitle')}</h2>
      <ul className="list">
        {exchange.references.map((reference) => (
          <li key={reference.id} className="list__item">
            <div className="list__main">
              <p>
                <strong>{t('timebank.reference.about', { author: reference.author.displayName, subject: reference.subject.displayName })}</strong>
              </p>
              <p>“{reference.body}”</p>
              <p className="text-small text-muted">{reference.wouldExchangeAgain ? t('timebank.reference.again') : t('timebank.reference.notAgain')}</p>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
