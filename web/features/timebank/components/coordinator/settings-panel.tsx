import type { ReactNode } from 'react';
import { Card } from '../../../../components/card.tsx';
import { Checkbox, Fieldset, Radios, TextField } from '../../../../components/fields.tsx';
import { Form } from '../../../../components/form.tsx';
import { categoryName, SKILL_CATEGORIES, VERIFICATION_LEVELS } from '../../../../components/labels.ts';
import { Notice } from '../../../../components/notice.tsx';
import { QueryView } from '../../../../components/query-view.tsx';
import { t, type MessageKey } from '../../../../i18n/index.ts';
import { ApiError } from '../../../../lib/api.ts';
import { fieldError } from '../../../../lib/form.ts';
import { useActiveCommunity } from '../../../../lib/session.ts';
import type { TimebankSettings } from '../../../../../common/ledger.ts';
import type { VerificationLevel } from '../../../../../common/verification.ts';
import { useTimebankSettings, useUpdateTimebankSettings } from '../../api/ledger.ts';
import { readDuration } from '../../duration.ts';
import { DurationField } from '../duration-field.tsx';

type Category = (typeof SKILL_CATEGORIES)[number];

const HOME_LEVEL_WORDS: Record<VerificationLevel, [MessageKey, MessageKey]> = {
  registered: ['timebank.settings.home.registered', 'timebank.settings.home.registeredHint'],
  vouched: ['timebank.settings.home.vouched', 'timebank.settings.home.vouchedHint'],
  verified: ['timebank.settings.home.verified', 'timebank.settings.home.verifiedHint'],
  'safeguarding-checked': ['timebank.settings.home.safeguarding-checked', 'timebank.settings.home.safeguarding-checkedHint'],
};
const homeLevel = (value: string): VerificationLevel | undefined => VERIFICATION_LEVELS.find((level) => level === value);

/** The community's time-bank rules: how hours are counted, balance limits, auto-confirmation, and which kinds of help need a check or an approval. */
export function SettingsPanel() {
  const { communityId } = useActiveCommunity();
  const settings = useTimebankSettings(communityId);
  const update = useUpdateTimebankSettings(communityId);
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('timebank.settings.title')}</h2>
      {update.isSuccess ? (
        <Notice tone="success">
          <p>{t('timebank.settings.saved')}</p>
        </Notice>
      ) : null}
      <QueryView query={settings}>
        {(current) => (
          <Card>
            <Form
              label={t('timebank.settings.title')}
              submitLabel={t('timebank.settings.save')}
              busy={update.isPending}
              error={update.error}
              onSubmit={(form) => {
                const days = form.text('autoConfirmDays').trim();
                if (!/^\d{1,3}$/.test(days)) throw new ApiError(400, 'form.days', t('timebank.settings.daysNumber'), 'autoConfirmDays');
                update.mutate({
                  mode: form.text('mode') === 'participation' ? 'participation' : 'zero_sum',
                  maxDebitMinutes: readDuration(form, 'maxDebitMinutes'),
                  maxCreditMinutes: readDuration(form, 'maxCreditMinutes'),
                  autoConfirmDays: Number(days),
                  approvalCategories: form.all('approvalCategories') as Category[],
                  approvalInHome: form.checked('approvalInHome'),
                  safeguardingCategories: form.all('safeguardingCategories') as Category[],
                  homeVisitLevel: homeLevel(form.text('homeVisitLevel')),
                });
              }}
            >
              {(shown) => <SettingsFields current={current} error={shown} />}
            </Form>
          </Card>
        )}
      </QueryView>
    </section>
  );
}

function SettingsFields({ current, error }: { current: TimebankSettings; error: unknown }) {
  return (
    <>
      <Radios
        name="mode"
        legend={t('timebank.settings.mode')}
        defaultValue={current.mode}
        error={fieldError(error, 'mode')}
        options={[
          { value: 'zero_sum', label: t('timebank.settings.zeroSum'), hint: t('timebank.settings.zeroSumHint') },
          { value: 'participation', label: t('timebank.settings.participation'), hint: t('timebank.settings.participationHint') },
        ]}
      />
      <DurationField name="maxDebitMinutes" legend={t('timebank.settings.maxDebit')} hint={t('timebank.settings.maxDebitHint')} defaultMinutes={current.maxDebitMinutes} error={error} />
      <DurationField name="maxCreditMinutes" legend={t('timebank.settings.maxCredit')} hint={t('timebank.settings.maxCreditHint')} defaultMinutes={current.maxCreditMinutes} error={error} />
      <TextField name="autoConfirmDays" label={t('timebank.settings.autoConfirmDays')} hint={t('timebank.settings.autoConfirmDaysHint')} inputMode="numeric" short defaultValue={String(current.autoConfirmDays)} error={fieldError(error, 'autoConfirmDays')} />
      <CategoryChoices name="approvalCategories" legend={t('timebank.settings.approval')} hint={t('timebank.settings.approvalHint')} chosen={current.approvalCategories} error={error}>
        <Checkbox name="approvalInHome" label={t('timebank.settings.approvalInHome')} hint={t('timebank.settings.approvalInHomeHint')} defaultChecked={current.approvalInHome} />
      </CategoryChoices>
      <CategoryChoices name="safeguardingCategories" legend={t('timebank.settings.safeguarding')} hint={t('timebank.settings.safeguardingHint')} chosen={current.safeguardingCategories} error={error} />
      <Radios
        name="homeVisitLevel"
        legend={t('timebank.settings.homeVisitLevel')}
        hint={t('timebank.settings.homeVisitLevelHint')}
        defaultValue={current.homeVisitLevel}
        error={fieldError(error, 'homeVisitLevel')}
        options={VERIFICATION_LEVELS.map((level) => ({ value: level, label: t(HOME_LEVEL_WORDS[level][0]), hint: t(HOME_LEVEL_WORDS[level][1]) }))}
      />
    </>
  );
}

/** A box for each category, and after them any further choice that belongs with them. */
function CategoryChoices({ name, legend, hint, chosen, error, children }: { name: string; legend: string; hint: string; chosen: string[]; error: unknown; children?: ReactNode }) {
  const message = error instanceof ApiError && error.field?.startsWith(name) ? error.message : undefined;
  return (
    <Fieldset legend={legend} hint={hint}>
      {message ? <p className="field__error">{message}</p> : null}
      <div className="choice-grid">
        {SKILL_CATEGORIES.map((category) => (
          <Checkbox key={category} name={name} value={category} label={categoryName(category)} defaultChecked={chosen.includes(category)} />
        ))}
      </div>
      {children}
    </Fieldset>
  );
}
