import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import { SummaryList } from '../../../components/list.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { useMail } from '../api.ts';
import { deliveryText } from './outbox-panel.tsx';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** The text of a message with its web addresses made into links (split, never parsed as HTML). */
function MailBody({ body }: { body: string }) {
  return (
    <pre className="mail">
      {body.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

/** One email from the outbox. */
export function MailPage() {
  const { mailId = '' } = useParams();
  const mail = useMail(mailId);
  return (
    <section aria-labelledby="mail-heading">
      <p>
        <Link to="/admin/outbox">{t('admin.outbox.back')}</Link>
      </p>
      <QueryView query={mail}>
        {(data) => (
          <>
            <h2 id="mail-heading">{data.subject}</h2>
            <SummaryList
              items={[
                { label: t('admin.outbox.toLabel'), value: data.toAddress },
                { label: t('admin.outbox.when'), value: formatDateTime(data.createdAt) },
                { label: t('admin.outbox.delivery'), value: deliveryText(data) },
              ]}
            />
            <MailBody body={data.body} />
          </>
        )}
      </QueryView>
    </section>
  );
}
