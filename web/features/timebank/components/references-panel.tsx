// "What neighbours say" on a member's profile: the references left for them after confirmed
// exchanges, with how many exchanges they have done and how many would exchange again. The app
// shell puts it on the profile page; it reads whose profile it is from the address.
import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { Loading } from '../../../components/loading.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { useActiveCommunity, useSession } from '../../../lib/session.ts';
import type { MemberReferences, Reference } from '../../../../common/exchanges.ts';
import { useMemberReferences } from '../api/exchanges.ts';
import '../timebank.css';

/** How many references show before "Show all". */
const FIRST_SHOWN = 5;

function Summary({ data, own }: { data: MemberReferences; own: boolean }) {
  const exchanges = t(own ? 'timebank.references.exchangesOwn' : 'timebank.references.exchanges', { count: data.confirmedExchanges, name: data.displayName });
  if (data.totalReferences === 0) return <p data-testid="references-summary">{exchanges}</p>;
  return (
    <p data-testid="references-summary">
      {exchanges} {t('timebank.references.count', { count: data.totalReferences, again: data.wouldExchangeAgain })}
    </p>
  );
}

function ReferenceItem({ reference }: { reference: Reference }) {
  return (
    <li className="list__item">
      <figure className="reference">
        <blockquote className="reference__body">
          <p>{reference.body}</p>
        </blockquote>
        <figcaption className="text-small">
          {t('timebank.references.by', { name: reference.author.displayName })}, <time dateTime={reference.createdAt}>{formatDate(reference.createdAt)}</time>
        </figcaption>
      </figure>
      <span className={`badge ${reference.wouldExchangeAgain ? 'badge--verified' : 'badge--neutral'}`}>
        {reference.wouldExchangeAgain ? t('timebank.reference.again') : t('timebank.reference.notAgain')}
      </span>
    </li>
  );
}

function References({ data, own }: { data: MemberReferences; own: boolean }) {
  const [all, setAll] = useState(false);
  const listId = useId();
  if (data.references.length === 0) {
    return <p className="text-muted">{own ? t('timebank.references.emptyOwn') : t('timebank.references.empty', { name: data.displayName })}</p>;
  }
  const shown = all ? data.references : data.references.slice(0, FIRST_SHOWN);
  return (
    <>
      <ul className="list" id={listId} aria-label={t('timebank.references.listLabel', { name: data.displayName })}>
        {shown.map((reference) => (
          <ReferenceItem key={reference.id} reference={reference} />
        ))}
      </ul>
      {data.references.length > FIRST_SHOWN ? (
        <Button variant="secondary" aria-expanded={all} aria-controls={listId} onClick={() => setAll(!all)}>
          {all ? t('timebank.references.fewer') : t('timebank.references.all', { count: data.references.length })}
        </Button>
      ) : null}
      {all && data.totalReferences > data.references.length ? (
        <p className="text-small text-muted">{t('timebank.references.newestOnly', { shown: data.references.length, total: data.totalReferences })}</p>
      ) : null}
    </>
  );
}

function Panel({ communityId, userId, own }: { communityId: string; userId: string; own: boolean }) {
  const references = useMemberReferences(communityId, userId);
  const headingId = useId();
  // Someone the viewer may not see (who has blocked them, or has left) gets no panel; the profile says why.
  if (references.isError && references.error instanceof ApiError && (references.error.status === 404 || references.error.status === 400)) return null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 className="card__title" id={headingId}>
        {t('timebank.references.title')}
      </h2>
      {references.isPending ? (
        <Loading label={t('timebank.references.loading')} />
      ) : references.isError ? (
        <ErrorState error={references.error} onRetry={() => void references.refetch()} />
      ) : (
        <>
          <Summary data={references.data} own={own} />
          <References data={references.data} own={own} />
        </>
      )}
    </section>
  );
}

/** The references panel on a member's profile, one's own included. */
export function ReferencesPanel() {
  const { userId = '' } = useParams();
  const { communityId } = useActiveCommunity();
  const { data: session } = useSession();
  if (!userId) return null;
  return <Panel communityId={communityId} userId={userId} own={session?.user?.id === userId} />;
}
