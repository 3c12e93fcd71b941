import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { List, ListItem } from '../../../components/list.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { Listing, ListingMatches } from '../../../../common/offers.ts';
import { useMatches } from '../api/listings.ts';
import { formatDistance } from '../duration.ts';
import { ListingBadges } from './listing-card.tsx';
import { ProposeForm } from './propose-form.tsx';

type Helper = Extract<ListingMatches, { kind: 'helpers' }>['suggestions'][number];
type RequestMatch = Extract<ListingMatches, { kind: 'requests' }>['suggestions'][number];

const FIT_KEYS = { offer: 'timebank.match.fitOffer', skill: 'timebank.match.fitSkill', category: 'timebank.match.fitCategory' } as const;

/** Why a suggestion fits, in a few words: the fit, how near, whether they have met (shown to the owner only). */
function reasons(match: { fit: Helper['fit']; connection: number | null; availabilityOverlap: number | null }, distanceM: number | null): string {
  const parts: string[] = [t(FIT_KEYS[match.fit])];
  if (distanceM !== null) parts.push(formatDistance(distanceM));
  if (match.availabilityOverlap !== null && match.availabilityOverlap > 0) parts.push(t('timebank.match.availability'));
  if (match.connection !== null && match.connection > 0) parts.push(t('timebank.match.connection', { count: match.connection }));
  return parts.join(' · ');
}

/**
 * For the owner of a request: members who could help, best fit first (the order is all the
 * server gives: no scores), each with a button to ask them. For the owner of an offer: open
 * requests it could answer.
 */
export function Suggestions({ listing }: { listing: Listing }) {
  const { communityId } = useActiveCommunity();
  const matches = useMatches(communityId, listing.id, listing.status === 'open');
  const title = listing.kind === 'request' ? t('timebank.match.helpersTitle') : t('timebank.match.requestsTitle');
  if (listing.status !== 'open') return null;
  return (
    <section aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{title}</h2>
      <p>{listing.kind === 'request' ? t('timebank.match.helpersLead') : t('timebank.match.requestsLead')}</p>
      <QueryView query={matches} loadingLabel={t('timebank.match.loading')}>
        {(data) =>
          data.suggestions.length === 0 ? (
            <EmptyState title={t('timebank.match.emptyTitle')}>{listing.kind === 'request' ? t('timebank.match.emptyHelpers') : t('timebank.match.emptyRequests')}</EmptyState>
          ) : data.kind === 'helpers' ? (
            <List label={title}>
              {data.suggestions.map((helper) => (
                <HelperRow key={helper.user.id} helper={helper} listing={listing} />
              ))}
            </List>
          ) : (
            <List label={title}>
              {data.suggestions.map((match) => (
                <RequestRow key={match.listing.id} match={match} />
              ))}
            </List>
          )
        }
      </QueryView>
    </section>
  );
}

function HelperRow({ helper, listing }: { helper: Helper; listing: Listing }) {
  const [asking, setAsking] = useState(false);
  const name = helper.user.displayName;
  return (
    <ListItem
      actions={
        <Button variant={asking ? 'link' : 'secondary'} aria-expanded={asking} onClick={() => setAsking(!asking)} aria-label={asking ? t('timebank.match.dontAskNamed', { name }) : t('timebank.match.askNamed', { name })}>
          {asking ? t('common.cancel') : t('timebank.match.ask')}
        </Button>
      }
    >
      <p>
        <Link to={`/members/${helper.user.id}`}>
          <strong>{name}</strong>
        </Link>
        {helper.safeguardingChecked ? <> <span className="badge badge--safeguarding-checked">{t('timebank.match.checked')}</span></> : null}
      </p>
      <p className="text-small text-muted">{reasons(helper, helper.distanceM)}</p>
      {asking ? (
        <div className="panel">
          <ProposeForm listing={listing} counterpart={helper.user} idPrefix={`ask-${helper.user.id}-`} submitLabel={t('timebank.match.sendTo', { name })} />
        </div>
      ) : null}
    </ListItem>
  );
}

function RequestRow({ match }: { match: RequestMatch }) {
  return (
    <ListItem>
      <p>
        <Link to={`/timebank/listings/${match.listing.id}`}>
          <strong>{match.listing.title}</strong>
        </Link>
      </p>
      <ListingBadges listing={match.listing} />
      <p className="text-small text-muted">
        {t('timebank.listing.askedBy', { name: match.listing.owner.displayName })} · {reasons(match, match.listing.distanceM)}
      </p>
    </ListItem>
  );
}
