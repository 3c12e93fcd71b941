import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Card } from '../../../components/card.tsx';
import { levelName } from '../../../components/labels.ts';
import { Notice } from '../../../components/notice.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import { useCreateListing, useListing, useUpdateListing } from '../api/listings.ts';
import { useTimebankSettings } from '../api/ledger.ts';
import { ListingForm } from './listing-form.tsx';
import { TimebankNav } from './timebank-nav.tsx';

/** Posting an offer of help or a request for help. */
export function NewListingPage() {
  const { communityId } = useActiveCommunity();
  const [params] = useSearchParams();
  const kind = params.get('kind') === 'request' ? 'request' : 'offer';
  const create = useCreateListing(communityId);
  const settings = useTimebankSettings(communityId);
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={kind === 'offer' ? t('timebank.new.titleOffer') : t('timebank.new.titleRequest')} lead={t('timebank.new.lead')} />
      <TimebankNav />
      {kind === 'offer' ? (
        <Notice tone="info" title={t('timebank.new.safeguardingTitle')}>
          <p>{t('timebank.new.safeguarding')}</p>
          {settings.data && settings.data.homeVisitLevel !== 'registered' ? <p>{t('timebank.new.homeVisits', { level: levelName(settings.data.homeVisitLevel).toLowerCase() })}</p> : null}
        </Notice>
      ) : null}
      <Card>
        <ListingForm
          key={kind}
          kind={kind}
          busy={create.isPending}
          error={create.error}
          submitLabel={t('timebank.new.submit')}
          onSubmit={({ location, onBehalfOf, ...values }) => create.mutate({ ...values, location: location ?? null, onBehalfOf }, { onSuccess: (listing) => navigate(`/timebank/listings/${listing.id}?posted=1`) })}
        />
      </Card>
    </>
  );
}

/** Changing an offer or request that is not closed. */
export function EditListingPage() {
  const { communityId } = useActiveCommunity();
  const { listingId = '' } = useParams();
  const listing = useListing(communityId, listingId);
  const update = useUpdateListing(communityId, listingId);
  const navigate = useNavigate();
  return (
    <QueryView query={listing}>
      {(data) => (
        <>
          <PageHeader title={t('timebank.edit.title', { title: data.title })} />
          <TimebankNav />
          {!data.mine || data.status === 'closed' ? (
            <Notice tone="info">
              <p>{data.mine ? t('timebank.edit.closed') : t('timebank.edit.notYours')}</p>
            </Notice>
          ) : (
            <Card>
              <ListingForm
                listing={data}
                kind={data.kind}
                busy={update.isPending}
                error={update.error}
                submitLabel={t('timebank.edit.submit')}
                onSubmit={({ kind: _kind, onBehalfOf: _as, ...values }) => update.mutate(values, { onSuccess: () => navigate(`/timebank/listings/${listingId}?saved=1`) })}
              />
            </Card>
          )}
        </>
      )}
    </QueryView>
  );
}
