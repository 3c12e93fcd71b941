// "How you're connected" on a member's profile: the connection in words, the strongest short
// chains of people between you, and people you both know. Never a number. The app shell puts
// it on the profile page; it reads whose profile it is from the address.
import { Link, useParams } from 'react-router';
import { Card } from '../../../components/card.tsx';
import { Loading } from '../../../components/loading.tsx';
import { t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
import { useActiveCommunity, useSession } from '../../../lib/session.ts';
import type { Connection, NamedPerson } from '../../../../common/trust.ts';
import { useConnection } from '../api.ts';
import '../trust.css';

const personLink = (p: NamedPerson) => <Link to={`/members/${p.id}`}>{p.displayName}</Link>;

/** Names joined as "A", "A and B", "A, B and C", each a link to their profile. */
function Names({ people }: { people: NamedPerson[] }) {
  return (
    <>
      {people.map((p, i) => (
        <span key={p.id}>
          {i > 0 ? (i === people.length - 1 ? ` ${t('trust.connection.and')} ` : ', ') : null}
          {personLink(p)}
        </span>
      ))}
    </>
  );
}

function Explanation({ connection }: { connection: Connection }) {
  const name = connection.person.displayName;
  if (connection.band === 'private') return <p>{t('trust.connection.private', { name })}</p>;
  const together = connection.direct && connection.reciprocated ? 'trust.connection.together' : connection.direct ? 'trust.connection.youActed' : connection.reciprocated ? 'trust.connection.theyActed' : null;
  const paths = connection.paths.filter((p) => p.via.length > 0);
  return (
    <>
      <p>
        <span className={`badge trust-band__badge trust-band__badge--${connection.band}`}>{t(`trust.band.${connection.band}`)}</span> {t(`trust.connection.${connection.band}`, { name })}
      </p>
      {together ? <p>{t(together, { name })}</p> : null}
      {paths.length > 0 ? (
        <>
          <h3 className="trust-subheading">{t('trust.connection.pathsTitle')}</h3>
          <ul>
            {paths.map((p) => (
              <li key={p.via.map((v) => v.id).join('-')}>
                {t('trust.connection.through')} <Names people={p.via} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {connection.mutualContacts.length > 0 ? (
        <p>
          {t('trust.connection.bothKnow')} <Names people={connection.mutualContacts} />
          {connection.moreMutualContacts > 0 ? ` ${t('trust.connection.andMore', { count: connection.moreMutualContacts })}` : null}
        </p>
      ) : null}
      {connection.band === 'not_connected' ? <p>{t('trust.connection.howToStart')}</p> : null}
    </>
  );
}

function Panel({ communityId, userId }: { communityId: string; userId: string }) {
  const connection = useConnection(communityId, userId);
  // Someone the viewer may not see (blocked either way) gets no panel at all.
  if (connection.isError && connection.error instanceof ApiError && (connection.error.status === 404 || connection.error.status === 400)) return null;
  return (
    <Card title={t('trust.connection.title')}>
      {connection.isPending ? <Loading /> : connection.isError ? <p>{t('trust.connection.error')}</p> : <Explanation connection={connection.data} />}
      <p className="text-small text-muted">{t('trust.connection.privacy')}</p>
    </Card>
  );
}

/** The panel on another member's profile (nothing on one's own). */
export function ConnectionPanel() {
  const { userId = '' } = useParams();
  const { communityId } = useActiveCommunity();
  const { data: session } = useSession();
  if (!userId || session?.user?.id === userId) return null;
  return <Panel communityId={communityId} userId={userId} />;
}
