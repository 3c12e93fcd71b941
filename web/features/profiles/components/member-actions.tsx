import { useState } from 'react';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { Select, TextArea } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { levelName, reasonName, REPORT_REASONS } from '../../../components/labels.ts';
import { Notice } from '../../../components/notice.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { ReportReason } from '../../../../common/moderation.ts';
import type { MemberProfile } from '../../../../common/profiles.ts';
import { useBlock, useMemberVerification, useReport, useVouch } from '../api.ts';

/** "Vouch for this person": a verified member says they know them. */
export function VouchCard({ member }: { member: MemberProfile }) {
  const { communityId } = useActiveCommunity();
  const summary = useMemberVerification(communityId, member.id);
  const vouch = useVouch(communityId, member.id);
  return (
    <Card title={t('member.vouch.title', { name: member.displayName })}>
      <p>{t('member.vouch.lead')}</p>
      <QueryView query={summary}>
        {(data) =>
          vouch.isSuccess ? (
            <Notice tone="success">
              <p>{t('member.vouch.done', { name: member.displayName, level: levelName(vouch.data.level) })}</p>
            </Notice>
          ) : data.vouchedByViewer ? (
            <p>{t('member.vouch.already', { name: member.displayName })}</p>
          ) : data.viewerCanVouch ? (
            <Form label={t('member.vouch.title', { name: member.displayName })} submitLabel={t('member.vouch.submit', { name: member.displayName })} busy={vouch.isPending} error={vouch.error} onSubmit={(form) => vouch.mutate(form.text('note'))}>
              <TextArea name="note" id="vouch-note" label={t('member.vouch.note')} hint={t('member.vouch.noteHint')} optional rows={2} error={fieldError(vouch.error, 'note')} />
            </Form>
          ) : (
            <p className="text-muted">{t('member.vouch.cannot')}</p>
          )
        }
      </QueryView>
    </Card>
  );
}

/** Tell the coordinators about a problem with this person's profile. */
export function ReportCard({ member }: { member: MemberProfile }) {
  const { communityId } = useActiveCommunity();
  const report = useReport(communityId);
  const [open, setOpen] = useState(false);
  return (
    <Card title={t('member.report.title')}>
      <p>{t('member.report.lead')}</p>
      {report.isSuccess ? (
        <Notice tone="success" title={t('member.report.doneTitle')}>
          <p>{t('member.report.done')}</p>
        </Notice>
      ) : !open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('member.report.start', { name: member.displayName })}
        </Button>
      ) : (
        <Form
          label={t('member.report.title')}
          submitLabel={t('member.report.submit')}
          busy={report.isPending}
          error={report.error}
          onSubmit={(form) => report.mutate({ subjectUserId: member.id, contentType: 'profile', contentId: '', reason: form.text('reason') as ReportReason, details: form.text('details') })}
          actions={
            <Button variant="link" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          }
        >
          <Select name="reason" label={t('member.report.reason')} options={REPORT_REASONS.map((reason) => ({ value: reason, label: reasonName(reason) }))} error={fieldError(report.error, 'reason')} />
          <TextArea name="details" label={t('member.report.details')} hint={t('member.report.detailsHint')} optional rows={4} error={fieldError(report.error, 'details')} />
        </Form>
      )}
    </Card>
  );
}

/** Block or unblock: a blocked person no longer sees you or your profile. */
export function BlockCard({ member }: { member: MemberProfile }) {
  const { communityId } = useActiveCommunity();
  const block = useBlock(communityId, member.id);
  const blocked = member.blockedByViewer;
  return (
    <Card title={blocked ? t('member.block.unblockTitle') : t('member.block.title')}>
      <p>{blocked ? t('member.block.unblockLead', { name: member.displayName }) : t('member.block.lead', { name: member.displayName })}</p>
      {block.isError ? <ErrorState error={block.error} /> : null}
      <Button variant={blocked ? 'secondary' : 'danger'} busy={block.isPending} onClick={() => block.mutate(!blocked)}>
        {blocked ? t('member.block.unblock', { name: member.displayName }) : t('member.block.block', { name: member.displayName })}
      </Button>
    </Card>
  );
}
