import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Radios, TextArea } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { reasonName } from '../../../components/labels.ts';
import { Notice } from '../../../components/notice.tsx';
import { PagedQueryView } from '../../../components/query-view.tsx';
import { SubNav } from '../../../components/sub-nav.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { Report } from '../../../../common/moderation.ts';
import { useReports, useResolveReport } from '../api.ts';

/** Reports from members: read them and uphold or dismiss each with a note. */
export function ReportsPanel({ status }: { status: 'open' | 'resolved' }) {
  const { communityId } = useActiveCommunity();
  const [page, setPage] = useState(1);
  const reports = useReports(communityId, status, page);

  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t('coordinator.reports.title')}</h2>
      <SubNav
        label={t('coordinator.reports.which')}
        items={[
          { to: '/coordinator/reports', label: t('coordinator.reports.open'), end: true },
          { to: '/coordinator/reports/resolved', label: t('coordinator.reports.resolved') },
        ]}
      />
      <PagedQueryView
        query={reports}
        onPage={setPage}
        empty={<EmptyState title={status === 'open' ? t('coordinator.reports.emptyOpenTitle') : t('coordinator.reports.emptyResolvedTitle')}>{t('coordinator.reports.empty')}</EmptyState>}
      >
        {(items) => (
          <ul className="grid" aria-label={t('coordinator.reports.title')}>
            {items.map((report) => (
              <ReportCard key={report.id} report={report} />
            ))}
          </ul>
        )}
      </PagedQueryView>
    </section>
  );
}

function ReportCard({ report }: { report: Report }) {
  const { communityId } = useActiveCommunity();
  const resolve = useResolveReport(communityId);
  const [open, setOpen] = useState(false);
  const subject = report.subject?.displayName ?? t('coordinator.reports.formerMember');
  return (
    <Card as="li" title={t('coordinator.reports.about', { name: subject, reason: reasonName(report.reason) })} headingLevel={3} meta={t('coordinator.reports.meta', { date: formatDate(report.createdAt), reporter: report.reporter?.displayName ?? t('coordinator.reports.formerMember') })}>
      {report.contentType !== 'profile' ? <p className="text-small">{t('coordinator.reports.content', { type: report.contentType, id: report.contentId })}</p> : null}
      {report.details ? <p>“{report.details}”</p> : <p className="text-muted">{t('coordinator.reports.noDetails')}</p>}
      {report.subject ? (
        <p>
          <Link to={`/members/${report.subject.id}`}>{t('coordinator.reports.viewProfile', { name: subject })}</Link>
        </p>
      ) : null}
      {report.status !== 'open' ? (
        <Notice tone="info" title={report.status === 'upheld' ? t('coordinator.reports.upheld') : t('coordinator.reports.dismissed')}>
          <p>{t('coordinator.reports.resolvedBy', { name: report.resolvedBy?.displayName ?? '', date: report.resolvedAt ? formatDate(report.resolvedAt) : '' })}</p>
          {report.resolutionNote ? <p>“{report.resolutionNote}”</p> : null}
        </Notice>
      ) : !open ? (
        <Button variant="secondary" onClick={() => setOpen(true)} aria-label={t('coordinator.reports.decideNamed', { name: subject })}>
          {t('coordinator.reports.decide')}
        </Button>
      ) : (
        <Form
          label={t('coordinator.reports.decideNamed', { name: subject })}
          submitLabel={t('coordinator.reports.save')}
          busy={resolve.isPending}
          error={resolve.error}
          onSubmit={(form) => resolve.mutate({ reportId: report.id, outcome: form.text('outcome') as 'uphold' | 'dismiss', note: form.text('note') })}
          actions={
            <Button variant="link" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          }
        >
          <Radios
            name="outcome"
            id={`outcome-${report.id}`}
            legend={t('coordinator.reports.outcome')}
            defaultValue="dismiss"
            error={fieldError(resolve.error, 'outcome')}
            options={[
              { value: 'uphold', label: t('coordinator.reports.uphold'), hint: t('coordinator.reports.upholdHint') },
              { value: 'dismiss', label: t('coordinator.reports.dismiss'), hint: t('coordinator.reports.dismissHint') },
            ]}
          />
          <TextArea name="note" id={`resolution-note-${report.id}`} label={t('coordinator.reports.note')} hint={t('coordinator.reports.noteHint')} rows={3} error={fieldError(resolve.error, 'note')} />
        </Form>
      )}
    </Card>
  );
}
