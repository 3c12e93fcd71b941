// "How you're connected" on a member's profile: the connection in words, the strongest short
// chains of people between you, and people you both know. Never a number.
import { Link } from 'react-router';
import { Card } from '../../../components/card.tsx';
import { Loading } from '../../../components/loading.tsx';
import { t } from '../../../i18n/index.ts';
import { ApiError } from '../../../lib/api.ts';
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

function Explanation({ connection, name }: { connection: Connection; name: string }) {
  if (connection.band === 'private') return <p>{t('trust.connection.private', { name })}</p>;
  const together = connection.direct && connection.reciprocated ? 'trust.connection.together' : connection.direct ? 'trust.connection.youActed' : connection.reciprocated ? 'trust.connection.theyActed' : null;
  return (
    <>
      <p className="trust-band">
        <span className={`badge trust-band__badge trust-band__badge--${connection.band}`}>{t(`trust.band.${connection.band}`)}</span> {t(`trust.connection.${connection.band}`, { name })}
      </p>
      {together ? <p>{t(together, { name })}</p> : null}
      {connection.paths.some((p) => p.via.length > 0) ? (
        <>
          <h3 className="trust-subheading">{t('trust.connection.pathsTitle')}</h3>
          <ul>
            {connection.paths.filter((p) => p.via.length > 0).map((p) => (
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

/** The panel a member's profile shows, for anyone but the member themselves. */
export function ConnectionPanel({ communityId, userId, name }: { communityId: string; userId: string; name: string }) {
  const connection = useConnection(communityId, userId);
  // Someone the viewer may not see (blocked either way) gets no panel at all.
  if (connection.isError && connection.error instanceof ApiError && (connection.error.status === 404 || connection.error.status === 400)) return null;
  return (
    <Card title={t('trust.connection.title')}>
      {connection.isPending ? <Loading /> : connection.isError ? <p>{t('trust.connection.error')}</p> : <Explanation connection={connection.data} name={name} />}
      <p className="text-small text-muted">{t('trust.connection.privacy')}</p>
    </Card>
  );
}
