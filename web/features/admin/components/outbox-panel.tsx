import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { TextField } from '../../../components/fields.tsx';
import { List, ListItem } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { PagedQueryView } from '../../../components/query-view.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { useOutbox, type MailSummary } from '../api.ts';

/** Email Kith has sent; without a mail server this is where it waits, so links can be passed on by hand. */
export function OutboxPanel() {
  const [filter, setFilter] = useState({ to: '', page: 1 });
  const outbox = useOutbox(filter);
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilter({ to: String(new FormData(event.currentTarget).get('to') ?? ''), page: 1 });
  };
  return (
    <section aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">{t('admin.outbox.title')}</h2>
      <Notice tone="info">
        <p>{t('admin.outbox.lead')}</p>
      </Notice>
      <form className="search" onSubmit={search} role="search" aria-label={t('admin.outbox.search')}>
        <TextField name="to" type="search" label={t('admin.outbox.to')} defaultValue={filter.to} />
        <span />
        <span />
        <Button type="submit" variant="secondary">
          {t('common.search')}
        </Button>
      </form>
      <PagedQueryView query={outbox} onPage={(page) => setFilter({ ...filter, page })} empty={<EmptyState title={t('admin.outbox.emptyTitle')}>{t('admin.outbox.empty')}</EmptyState>}>
        {(items) => (
          <List>
            {items.map((mail) => (
              <ListItem key={mail.id}>
                <h3>
                  <Link to={`/admin/outbox/${mail.id}`}>{mail.subject}</Link>
                </h3>
                <p className="text-small text-muted">
                  {t('admin.outbox.toWhom', { to: mail.toAddress })} · {formatDateTime(mail.createdAt)} · {deliveryText(mail)}
                </p>
              </ListItem>
            ))}
          </List>
        )}
      </PagedQueryView>
    </section>
  );
}

/** Whether a message went out by SMTP, failed, or is only in the outbox. */
export function deliveryText(mail: Pick<MailSummary, 'transport' | 'sentAt' | 'error'>): string {
  if (mail.transport === 'outbox') return t('admin.outbox.keptHere');
  if (mail.error) return t('admin.outbox.failed', { error: mail.error });
  return mail.sentAt ? t('admin.outbox.sent') : t('admin.outbox.sending');
}
