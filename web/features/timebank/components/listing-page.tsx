import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { SummaryList } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { Listing } from '../../../../common/offers.ts';
import { useListing, useListingStatus } from '../api/listings.ts';
import { formatDuration } from '../duration.ts';
import { listingStatusName, needReasons, needWords, placeName } from '../labels.ts';
import { ListingBadges } from './listing-card.tsx';
import { ProposeForm } from './propose-form.tsx';
import { Suggestions } from './suggestions.tsx';
import { TimebankNav } from './timebank-nav.tsx';

/** One offer or request: what it is, and either the owner's controls and suggestions or a way to answer it. */
export function ListingPage() {
  const { communityId } = useActiveCommunity();
  const { listingId = '' } = useParams();
  const [params] = useSearchParams();
  const listing = useListing(communityId, listingId);
  return (
    <QueryView query={listing}>
      {(data) => (
        <>
          <PageHeader title={data.title} lead={t(data.kind === 'offer' ? 'timebank.listing.offeredBy' : 'timebank.listing.askedBy', { name: data.owner.displayName })} />
          <TimebankNav />
          {params.get('posted') ? (
            <Notice tone="success" title={t('timebank.listing.postedTitle')}>
              <p>{data.kind === 'request' ? t('timebank.listing.postedRequest') : t('timebank.listing.postedOffer')}</p>
            </Notice>
          ) : null}
          {params.get('saved') ? (
            <Notice tone="success">
              <p>{t('timebank.listing.saved')}</p>
            </Notice>
          ) : null}
          <ListingBadges listing={data} />
          {data.description ? <p>{data.description}</p> : null}
          <SummaryList
            items={[
              { label: t('timebank.listing.skill'), value: data.skill.label },
              { label: t('timebank.listing.place'), value: placeName(data.place) },
              { label: t('timebank.listing.duration'), value: formatDuration(data.durationMinutes) },
              { label: t('timebank.listing.availability'), value: data.availability || t('timebank.listing.askThem') },
              { label: t('timebank.listing.expires'), value: data.expiresOn ? formatDate(data.expiresOn) : t('timebank.listing.noExpiry') },
              { label: t('timebank.listing.posted'), value: formatDate(data.createdAt) },
            ]}
          />
          {data.mine || data.canAnswer ? <NeedNotice listing={data} /> : null}
          {data.needsApproval ? (
            <Notice tone="info" title={t('timebank.listing.approvalTitle')}>
              <p>{t('timebank.listing.approval')}</p>
            </Notice>
          ) : null}
          {data.mine ? <OwnerControls listing={data} /> : <Answer listing={data} />}
        </>
      )}
    </QueryView>
  );
}

/** What the helper must be and why, from the same rule the server applies. */
function NeedNotice({ listing }: { listing: Listing }) {
  const words = needWords(listing.needs);
  if (!words || !listing.needs) return null;
  return (
    <Notice tone="info" title={words.title()}>
      <p>{words.body()}</p>
      <Reasons listing={listing} />
    </Notice>
  );
}

function Reasons({ listing }: { listing: Listing }) {
  if (!listing.needs || listing.needs.reasons.length === 0) return null;
  return (
    <>
      <p>{t('timebank.need.why')}</p>
      <ul>
        {needReasons(listing.needs, listing.skill.category).map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * Why the viewer cannot answer, in place of the form: what the help needs and how to get it
 * when they would be the helper, or that the offer's owner cannot give it at the moment.
 */
function CannotAnswer({ listing }: { listing: Listing }) {
  const words = needWords(listing.needs);
  const name = listing.owner.displayName;
  if (listing.cannotAnswer === 'viewer_not_cleared' && words) {
    return (
      <Notice tone="warning" title={t('timebank.answer.youTitle')}>
        <p>{words.you()}</p>
        <Reasons listing={listing} />
        <p>{words.how()}</p>
      </Notice>
    );
  }
  if (listing.cannotAnswer === 'owner_not_cleared' && words) {
    return (
      <Notice tone="warning" title={t('timebank.answer.ownerTitle', { name })}>
        <p>{words.owner({ name })}</p>
        <Reasons listing={listing} />
      </Notice>
    );
  }
  return (
    <Notice tone="info">
      <p>{listing.cannotAnswer === 'owner_unavailable' ? t('timebank.answer.ownerUnavailable', { name }) : t('timebank.listing.notOpen')}</p>
    </Notice>
  );
}

function Answer({ listing }: { listing: Listing }) {
  if (listing.canAnswer === false || listing.status !== 'open' || listing.expired) return <CannotAnswer listing={listing} />;
  const title = listing.kind === 'offer' ? t('timebank.propose.titleOffer', { name: listing.owner.displayName }) : t('timebank.propose.titleRequest', { name: listing.owner.displayName });
  return (
    <Card title={title}>
      <p>{listing.kind === 'offer' ? t('timebank.propose.leadOffer') : t('timebank.propose.leadRequest')}</p>
      <ProposeForm listing={listing} submitLabel={listing.kind === 'offer' ? t('timebank.propose.submitOffer') : t('timebank.propose.submitRequest')} />
    </Card>
  );
}

function OwnerControls({ listing }: { listing: Listing }) {
  const { communityId } = useActiveCommunity();
  const setStatus = useListingStatus(communityId, listing.id);
  const [closing, setClosing] = useState(false);
  const busy = (status: Listing['status']) => setStatus.isPending && setStatus.variables === status;
  return (
    <>
      <Card title={t('timebank.listing.yoursTitle')}>
        <p>{t('timebank.listing.yoursStatus', { status: listingStatusName(listing.status) })}</p>
        {setStatus.isError ? <ErrorState error={setStatus.error} /> : null}
        {listing.status === 'closed' ? (
          <p>{t('timebank.listing.closedLead')}</p>
        ) : (
          <div className="button-row">
            <ButtonLink to={`/timebank/listings/${listing.id}/edit`} variant="secondary">
              {t('timebank.listing.edit')}
            </ButtonLink>
            {listing.status === 'open' ? (
              <Button variant="secondary" busy={busy('paused')} onClick={() => setStatus.mutate('paused')}>
                {t('timebank.listing.pause')}
              </Button>
            ) : (
              <Button variant="secondary" busy={busy('open')} onClick={() => setStatus.mutate('open')}>
                {t('timebank.listing.reopen')}
              </Button>
            )}
            {closing ? null : (
              <Button variant="secondary" onClick={() => setClosing(true)}>
                {t('timebank.listing.close')}
              </Button>
            )}
          </div>
        )}
        {closing && listing.status !== 'closed' ? (
          <Notice tone="warning" title={t('timebank.listing.closeTitle')}>
            <p>{t('timebank.listing.closeWarning')}</p>
            <div className="button-row">
              <Button variant="danger" busy={busy('closed')} onClick={() => setStatus.mutate('closed', { onSuccess: () => setClosing(false) })}>
                {t('timebank.listing.closeConfirm')}
              </Button>
              <Button variant="link" onClick={() => setClosing(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          </Notice>
        ) : null}
        <p className="text-small text-muted">{t('timebank.listing.statusHint')}</p>
      </Card>
      <Suggestions listing={listing} />
    </>
  );
}
