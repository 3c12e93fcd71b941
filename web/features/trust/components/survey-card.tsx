// The trust survey on the home page: two questions, a tap each, one button.
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { Radios } from '../../../components/fields.tsx';
import { Notice } from '../../../components/notice.tsx';
import { t } from '../../../i18n/index.ts';
import { useActiveCommunity } from '../../../lib/session.ts';
import type { SurveyAnswer } from '../../../../common/trust.ts';
import { useAnswerSurvey, useMemberSurvey } from '../api.ts';

// The answers in the order they are offered (the schema in common/ checks them on the server).
const GENERALISED: SurveyAnswer['generalised'][] = ['most_people', 'cannot_be_too_careful'];
const NEIGHBOURHOOD: SurveyAnswer['neighbourhood'][] = ['many', 'some', 'a_few', 'none'];

/** Shows the open trust survey to a member who has not answered it; thanks them once they have. */
export function SurveyCard() {
  const membership = useActiveCommunity();
  const survey = useMemberSurvey(membership.communityId);
  const answer = useAnswerSurvey(membership.communityId);
  const [generalised, setGeneralised] = useState<string>();
  const [neighbourhood, setNeighbourhood] = useState<string>();
  const [missing, setMissing] = useState<{ generalised?: string; neighbourhood?: string }>({});
  const [justAnswered, setJustAnswered] = useState(false);

  if (membership.role === 'organisation' || membership.status !== 'active' || !survey.data?.survey) return null;
  if (survey.data.answered) {
    return justAnswered ? (
      <Notice tone="success" title={t('trust.survey.thanksTitle')}>
        <p>{t('trust.survey.thanks')}</p>
      </Notice>
    ) : null;
  }
  const open = survey.data.survey;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = {
      generalised: generalised ? undefined : t('trust.survey.chooseOne'),
      neighbourhood: neighbourhood ? undefined : t('trust.survey.chooseOne'),
    };
    setMissing(problems);
    if (problems.generalised || problems.neighbourhood) return;
    answer.mutate({ surveyId: open.id, answer: { generalised, neighbourhood } as SurveyAnswer }, { onSuccess: () => setJustAnswered(true) });
  };

  return (
    <Card title={open.title}>
      <p>{t('trust.survey.intro')}</p>
      <form onSubmit={submit} noValidate aria-label={t('trust.survey.formLabel')}>
        <Radios
          name="generalised"
          legend={t('trust.survey.generalisedQuestion')}
          value={generalised}
          onChange={setGeneralised}
          error={missing.generalised}
          options={GENERALISED.map((a) => ({ value: a, label: t(`trust.survey.generalised.${a}`) }))}
        />
        <Radios
          name="neighbourhood"
          legend={t('trust.survey.neighbourhoodQuestion')}
          value={neighbourhood}
          onChange={setNeighbourhood}
          error={missing.neighbourhood}
          options={NEIGHBOURHOOD.map((a) => ({ value: a, label: t(`trust.survey.neighbourhood.${a}`) }))}
        />
        {answer.error ? <Notice tone="error"><p>{answer.error.message}</p></Notice> : null}
        <Button type="submit" busy={answer.isPending}>{t('trust.survey.send')}</Button>
        <p className="text-small text-muted">{t('trust.survey.anonymous')}</p>
      </form>
    </Card>
  );
}
