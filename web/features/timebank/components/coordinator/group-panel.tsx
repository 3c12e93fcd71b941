import { useState } from 'react';
import { Button } from '../../../../components/button.tsx';
import { Card } from '../../../../components/card.tsx';
import { Radios, Select, TextField } from '../../../../components/fields.tsx';
import { Form } from '../../../../components/form.tsx';
import { categoryName } from '../../../../components/labels.ts';
import { Notice } from '../../../../components/notice.tsx';
import { t } from '../../../../i18n/index.ts';
import { ApiError } from '../../../../lib/api.ts';
import { fieldError } from '../../../../lib/form.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import { useSkills } from '../../../../lib/skills.ts';
import { useGroupExchange } from '../../api/ledger.ts';
import { formatDuration, readDuration } from '../../duration.ts';
import { DurationField } from '../duration-field.tsx';
import { MemberPicker } from './member-picker.tsx';
import { today } from './proxy-panel.tsx';

let nextRow = 1;

/** One activity that credits several people: a litter pick, a lunch club, a repair café. */
export function GroupPanel() {
  const { communityId } = useActiveCommunity();
  const skills = useSkills();
  const group = useGroupExchange(communityId);
  const [rows, setRows] = useState<number[]>([0]);
  const [payer, setPayer] = useState<'fund' | 'member'>('fund');
  const skillOptions = [{ value: '', label: t('timebank.form.chooseSkill') }, ...(skills.data ?? []).map((skill) => ({ value: String(skill.id), label: `${skill.label} (${categoryName(skill.category)})` }))];

  return (
    <section aria-labelledby="group-heading">
      <h2 id="group-heading">{t('timebank.group.title')}</h2>
      <p>{t('timebank.group.lead')}</p>
      {group.isSuccess ? (
        <Notice tone="success" title={t('timebank.group.doneTitle')}>
          <p>{t('timebank.group.done', { count: group.data.participants.length, time: formatDuration(group.data.minutes), title: group.data.title })}</p>
        </Notice>
      ) : null}
      <Card>
        <Form
          label={t('timebank.group.title')}
          submitLabel={t('timebank.group.submit')}
          busy={group.isPending}
          error={group.error}
          onSubmit={(form) => {
            const participants = rows.map((_, index) => {
              const userId = form.text(`participants.${index}.userId`);
              if (!userId) throw new ApiError(400, 'form.member', t('timebank.group.chooseMember'), `participants.${index}.userId`);
              return { userId, minutes: readDuration(form, `participants.${index}.minutes`) };
            });
            group.mutate(
              {
                title: form.text('title'),
                skillId: Number(form.text('skillId')) || 0,
                occurredOn: form.text('occurredOn'),
                payer: payer === 'fund' ? { kind: 'fund' } : { kind: 'member', userId: form.text('payer.userId') },
                participants,
              },
              { onSuccess: () => setRows([nextRow++]) },
            );
          }}
        >
          {(shown) => (
            <>
              <TextField name="title" label={t('timebank.group.name')} hint={t('timebank.group.nameHint')} error={fieldError(shown, 'title')} />
              <Select name="skillId" label={t('timebank.form.skill')} options={skillOptions} error={fieldError(shown, 'skillId')} />
              <TextField name="occurredOn" type="date" label={t('timebank.group.occurredOn')} short defaultValue={today()} error={fieldError(shown, 'occurredOn')} />
              <Radios
                name="payerKind"
                legend={t('timebank.group.payer')}
                hint={t('timebank.group.payerHint')}
                value={payer}
                onChange={(value) => setPayer(value as 'fund' | 'member')}
                options={[
                  { value: 'fund', label: t('timebank.group.payerFund') },
                  { value: 'member', label: t('timebank.group.payerMember') },
                ]}
              />
              {payer === 'member' ? <MemberPicker name="payer.userId" label={t('timebank.group.payerWho')} who={t('timebank.group.payerWhoLower')} error={fieldError(shown, 'payer.userId') ?? fieldError(shown, 'payer')} /> : null}
              <h3>{t('timebank.group.participants')}</h3>
              {fieldError(shown, 'participants') ? <p className="field__error">{fieldError(shown, 'participants')}</p> : null}
              {rows.map((row, index) => (
                <div key={row} className="participant" role="group" aria-label={t('timebank.group.participantN', { n: index + 1 })}>
                  <MemberPicker name={`participants.${index}.userId`} label={t('timebank.group.participantN', { n: index + 1 })} who={t('timebank.group.participantLower', { n: index + 1 })} error={fieldError(shown, `participants.${index}.userId`)} />
                  <DurationField name={`participants.${index}.minutes`} legend={t('timebank.group.participantTime', { n: index + 1 })} error={shown} />
                  {rows.length > 1 ? (
                    <Button variant="link" onClick={() => setRows(rows.filter((r) => r !== row))} aria-label={t('timebank.group.removeN', { n: index + 1 })}>
                      {t('timebank.group.remove')}
                    </Button>
                  ) : null}
                </div>
              ))}
              <Button variant="secondary" onClick={() => setRows([...rows, nextRow++])}>
                {t('timebank.group.add')}
              </Button>
            </>
          )}
        </Form>
      </Card>
    </section>
  );
}
