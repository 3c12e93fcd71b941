import { Link } from 'react-router';
import { t } from '../../../i18n/index.ts';
import type { Listing } from '../../../../common/offers.ts';
import { formatDistance, formatDuration } from '../duration.ts';
import { listingStatusName, needWords, placeName } from '../labels.ts';

/** The badges that say what kind of listing this is and what it needs. */
export function ListingBadges({ listing }: { listing: Listing }) {
  return (
    <div className="badges">
      <span className={listing.kind === 'offer' ? 'badge badge--verified' : 'badge badge--vouched'}>{listing.kind === 'offer' ? t('timebank.kind.offer') : t('timebank.kind.request')}</span>
      {listing.status !== 'open' ? <span className="badge badge--role">{listingStatusName(listing.status)}</span> : null}
      {listing.expired ? <span className="badge badge--warning">{t('timebank.listing.expired')}</span> : null}
      <NeedBadge listing={listing} />
      {listing.needsApproval ? <span className="badge badge--role">{t('timebank.listing.needsApproval')}</span> : null}
    </div>
  );
}

/** What the helper must be, as a badge styled like that level's. */
function NeedBadge({ listing }: { listing: Listing }) {
  const words = needWords(listing.needs);
  if (!words || !listing.needs) return null;
  return <span className={`badge badge--${listing.needs.level}`}>{words.badge()}</span>;
}

/** One offer or request in a list: what, who, where, how long and how far. */
export function ListingCard({ listing, headingLevel = 2 }: { listing: Listing; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card">
      <Heading className="listing-card__title">
        <Link to={`/timebank/listings/${listing.id}`}>{listing.title}</Link>
      </Heading>
      <ListingBadges listing={listing} />
      <p className="text-small">
        {t(listing.kind === 'offer' ? 'timebank.listing.offeredBy' : 'timebank.listing.askedBy', { name: listing.owner.displayName })}
        {' · '}
        {listing.skill.label}
      </p>
      <p className="text-small text-muted">
        {placeName(listing.place)} · {t('timebank.listing.usually', { time: formatDuration(listing.durationMinutes) })}
        {listing.distanceM !== null ? ` · ${formatDistance(listing.distanceM)}` : ''}
      </p>
    </li>
  );
}
