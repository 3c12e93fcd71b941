import { useState } from 'react';
import { Card } from '../../../components/card.tsx';
import { Radios, TextArea, TextField } from '../../../components/fields.tsx';
import { Form } from '../../../components/form.tsx';
import { levelName } from '../../../components/labels.ts';
import { List, ListItem } from '../../../components/list.tsx';
import { Notice } from '../../../components/notice.tsx';
import { QueryView } from '../../../components/query-view.tsx';
import { formatDate, t } from '../../../i18n/index.ts';
import { fieldError } from '../../../lib/form.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import { useRecordCheck, useSetStanding, useVerificationSummary } from '../api.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** A member's check history, the form to record a check, and suspending or reinstating them. */
export function MemberActions({ userId, name, status }: { userId: string; name: string; status: 'active' | 'suspended' }) {
  return (
    <div className="panel">
      <CheckHistory userId={userId} />
      <RecordCheck userId={userId} name={name} />
      <Standing userId={userId} name={name} status={status} />
    </div>
  );
}

function CheckHistory({ userId }: { userId: string }) {
  const { communityId } = useActiveCommunity();
  const summary = useVerificationSummary(communityId, userId);
  return (
    <QueryView query={summary}>
      {(data) =>
        data.checks && data.checks.length > 0 ? (
          <>
            <h4>{t('coordinator.checks.history')}</h4>
            <List>
              {data.checks.map((check) => (
                <ListItem key={check.id}>
                  <p>
                    <strong>{check.kind === 'dbs' ? t('coordinator.checks.dbs') : t('coordinator.checks.identity')}</strong> · {t('coordinator.checks.on', { date: formatDate(check.checkedOn) })}
                    {check.expiresOn ? ` · ${t(check.current ? 'coordinator.checks.until' : 'coordinator.checks.expired', { date: formatDate(check.expiresOn) })}` : ''}
                  </p>
                  <p className="text-small text-muted">
                    {t('coordinator.checks.by', { name: check.recordedBy.displayName })}
                    {check.reference ? ` · ${t('coordinator.checks.reference', { reference: check.reference })}` : ''}
                    {check.note ? ` · ${check.note}` : ''}
                  </p>
                </ListItem>
              ))}
            </List>
          </>
        ) : (
          <p className="text-muted">{t('coordinator.checks.none')}</p>
        )
      }
    </QueryView>
  );
}

function RecordCheck({ userId, name }: { userId: string; name: string }) {
  const { communityId } = useActiveCommunity();
  const record = useRecordCheck(communityId, userId);
  const [kind, setKind] = useState<'identity_address' | 'dbs'>('identity_address');
  const error = record.error;
  return (
    <Card title={t('coordinator.checks.recordTitle', { name })} headingLevel={4}>
      {record.isSuccess ? (
        <Notice tone="success">
          <p>{t('coordinator.checks.recorded', { name, level: levelName(record.data.level) })}</p>
        </Notice>
      ) : null}
      <Form
        label={t('coordinator.checks.recordTitle', { name })}
        submitLabel={t('coordinator.checks.submit')}
        busy={record.isPending}
        error={error}
        onSubmit={(form) =>
          record.mutate(
            kind === 'dbs'
              ? { kind, checkedOn: form.text('checkedOn'), expiresOn: form.text('expiresOn'), reference: form.text('reference'), note: form.text('note') }
              : { kind, checkedOn: form.text('checkedOn'), note: form.text('note') },
          )
        }
      >
        <Radios
          name="kind"
          legend={t('coordinator.checks.kind')}
          value={kind}
          onChange={(value) => setKind(value as typeof kind)}
          error={fieldError(error, 'kind')}
          options={[
            { value: 'identity_address', label: t('coordinator.checks.identity'), hint: t('coordinator.checks.identityHint') },
            { value: 'dbs', label: t('coordinator.checks.dbs'), hint: t('coordinator.checks.dbsHint') },
          ]}
        />
        <TextField name="checkedOn" id={`checked-on-${userId}`} type="date" label={t('coordinator.checks.checkedOn')} defaultValue={today()} max={today()} short error={fieldError(error, 'checkedOn')} />
        {kind === 'dbs' ? (
          <>
            <TextField name="expiresOn" id={`expires-on-${userId}`} type="date" label={t('coordinator.checks.expiresOn')} hint={t('coordinator.checks.expiresOnHint')} short error={fieldError(error, 'expiresOn')} />
            <TextField name="reference" id={`reference-${userId}`} label={t('coordinator.checks.referenceLabel')} error={fieldError(error, 'reference')} />
          </>
        ) : null}
        <TextArea name="note" id={`check-note-${userId}`} label={t('coordinator.checks.note')} hint={t('coordinator.checks.noteHint')} optional rows={2} error={fieldError(error, 'note')} />
      </Form>
    </Card>
  );
}

function Standing({ userId, name, status }: { userId: string; name: string; status: 'active' | 'suspended' }) {
  const { communityId } = useActiveCommunity();
  const standing = useSetStanding(communityId, userId);
  const suspending = status === 'active';
  return (
    <Card title={suspending ? t('coordinator.standing.suspendTitle', { name }) : t('coordinator.standing.reinstateTitle', { name })} headingLevel={4}>
      <p>{suspending ? t('coordinator.standing.suspendLead') : t('coordinator.standing.reinstateLead')}</p>
      {standing.isSuccess ? (
        <Notice tone="success">
          <p>{standing.data.status === 'suspended' ? t('coordinator.standing.suspended', { name }) : t('coordinator.standing.reinstated', { name })}</p>
        </Notice>
      ) : null}
      <Form
        label={suspending ? t('coordinator.standing.suspendTitle', { name }) : t('coordinator.standing.reinstateTitle', { name })}
        submitLabel={suspending ? t('coordinator.standing.suspend') : t('coordinator.standing.reinstate')}
        submitVariant={suspending ? 'danger' : 'primary'}
        busy={standing.isPending}
        error={standing.error}
        onSubmit={(form) => standing.mutate({ action: suspending ? 'suspension' : 'reinstatement', reason: form.text('reason') })}
      >
        <TextArea name="reason" id={`standing-reason-${userId}`} label={t('coordinator.standing.reason')} optional={!suspending} rows={2} error={fieldError(standing.error, 'reason')} />
      </Form>
    </Card>
  );
}
