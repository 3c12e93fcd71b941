import { Link } from 'react-router';
import { Card } from '../../../../components/card.tsx';
import { Radios, Select, TextArea, TextField } from '../../../../components/fields.tsx';
import { Form } from '../../../../components/form.tsx';
import { categoryName } from '../../../../components/labels.ts';
import { Notice } from '../../../../components/notice.tsx';
import { t } from '../../../../i18n/index.ts';
import { fieldError } from '../../../../lib/form.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import { useSkills } from '../../../../lib/skills.ts';
import { useProxyExchange } from '../../api/exchanges.ts';
import { formatDuration, readDuration } from '../../duration.ts';
import { DurationField } from '../duration-field.tsx';
import { MemberPicker } from './member-picker.tsx';

/** Today's date as YYYY-MM-DD in the browser's time zone. */
export const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/** Recording an exchange that has already happened, for a member who is not online. It is confirmed at once. */
export function ProxyPanel() {
  const { communityId } = useActiveCommunity();
  const skills = useSkills();
  const proxy = useProxyExchange(communityId);
  const skillOptions = [{ value: '', label: t('timebank.form.chooseSkill') }, ...(skills.data ?? []).map((skill) => ({ value: String(skill.id), label: `${skill.label} (${categoryName(skill.category)})` }))];
  return (
    <section aria-labelledby="proxy-heading">
      <h2 id="proxy-heading">{t('timebank.proxy.title')}</h2>
      <p>{t('timebank.proxy.lead')}</p>
      {proxy.isSuccess ? (
        <Notice tone="success" title={t('timebank.proxy.doneTitle')}>
          <p>
            {t('timebank.proxy.done', { time: formatDuration(proxy.data.confirmedMinutes ?? 0), helper: proxy.data.provider.displayName, helped: proxy.data.receiver.displayName })}{' '}
            <Link to={`/timebank/exchanges/${proxy.data.id}`}>{t('timebank.proxy.see')}</Link>
          </p>
        </Notice>
      ) : null}
      <Card>
        <Form
          label={t('timebank.proxy.title')}
          submitLabel={t('timebank.proxy.submit')}
          busy={proxy.isPending}
          error={proxy.error}
          onSubmit={(form, element) => {
            const providerId = form.text('providerId');
            const receiverId = form.text('receiverId');
            proxy.mutate(
              {
                providerId,
                receiverId,
                onBehalfOf: form.text('onBehalfOf') === 'receiver' ? receiverId : providerId,
                skillId: Number(form.text('skillId')) || 0,
                minutes: readDuration(form, 'minutes'),
                occurredOn: form.text('occurredOn'),
                description: form.text('description'),
              },
              { onSuccess: () => element.reset() },
            );
          }}
        >
          {(shown) => (
            <>
              <MemberPicker name="providerId" label={t('timebank.proxy.provider')} who={t('timebank.proxy.providerWho')} error={fieldError(shown, 'providerId')} />
              <MemberPicker name="receiverId" label={t('timebank.proxy.receiver')} who={t('timebank.proxy.receiverWho')} error={fieldError(shown, 'receiverId')} />
              <Radios
                name="onBehalfOf"
                legend={t('timebank.proxy.onBehalfOf')}
                hint={t('timebank.proxy.onBehalfOfHint')}
                defaultValue="provider"
                error={fieldError(shown, 'onBehalfOf')}
                options={[
                  { value: 'provider', label: t('timebank.proxy.forProvider') },
                  { value: 'receiver', label: t('timebank.proxy.forReceiver') },
                ]}
              />
              <Select name="skillId" label={t('timebank.form.skill')} options={skillOptions} error={fieldError(shown, 'skillId')} />
              <DurationField name="minutes" legend={t('timebank.proxy.minutes')} error={shown} />
              <TextField name="occurredOn" type="date" label={t('timebank.proxy.occurredOn')} short defaultValue={today()} max={today()} error={fieldError(shown, 'occurredOn')} />
              <TextArea name="description" label={t('timebank.proxy.description')} hint={t('timebank.proxy.descriptionHint')} optional rows={2} error={fieldError(shown, 'description')} />
            </>
          )}
        </Form>
      </Card>
    </section>
  );
}
