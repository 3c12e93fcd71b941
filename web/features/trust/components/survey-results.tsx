import { Card } from '../../../components/card.tsx';
import { formatDate, formatNumber, t } from '../../../i18n/index.ts';
import type { SurveyResults as Results } from '../../../../common/trust.ts';

const percent = (share: number | null) => (share === null ? t('trust.chart.hidden') : `${formatNumber(Math.round(share * 100))}%`);
const count = (n: number | null) => (n === null ? t('trust.survey.fewer') : formatNumber(n));

/** A survey's results beside the national figure, with small groups hidden. */
export function SurveyResults({ results, national }: { results: Results | null; national: { generalisedMostPeopleShare: number; source: string } }) {
  if (!results) {
    return (
      <Card title={t('trust.survey.resultsTitle')}>
        <p>{t('trust.survey.none')}</p>
        <p className="text-small text-muted">{t('trust.survey.national', { share: percent(national.generalisedMostPeopleShare), source: national.source })}</p>
      </Card>
    );
  }
  const { survey } = results;
  if (survey.open) {
    // The server sends no answers for an open survey: only how many have answered, from 5 up.
    return (
      <Card title={t('trust.survey.resultsTitle')} meta={t('trust.survey.openSince', { title: survey.title, date: formatDate(survey.openedAt) })}>
        <p>{results.responses === null ? t('trust.survey.tooFewSoFar') : t('trust.survey.answeredSoFar', { count: results.responses })}</p>
        <p>{t('trust.survey.shownWhenClosed')}</p>
        <p className="text-small text-muted">{t('trust.survey.national', { share: percent(national.generalisedMostPeopleShare), source: national.source })}</p>
      </Card>
    );
  }
  return (
    <Card title={t('trust.survey.resultsTitle')} meta={t('trust.survey.closedOn', { title: survey.title, date: formatDate(survey.closedAt ?? survey.openedAt) })}>
      <p>{results.responses === null ? t('trust.survey.tooFew') : t('trust.survey.responses', { count: results.responses })}</p>
      <div className="trust-table-wrap">
        <table className="trust-table">
          <caption>{t('trust.survey.generalisedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trust.survey.answer')}</th>
              <th scope="col">{t('trust.survey.here')}</th>
              <th scope="col">{t('trust.survey.england')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('trust.survey.mostPeople')}</th>
              <td>{percent(results.generalised.mostPeopleShare)} ({count(results.generalised.most_people)})</td>
              <td>{percent(national.generalisedMostPeopleShare)}</td>
            </tr>
            <tr>
              <th scope="row">{t('trust.survey.careful')}</th>
              <td>{count(results.generalised.cannot_be_too_careful)}</td>
              <td>{percent(1 - national.generalisedMostPeopleShare)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <div className="trust-table-wrap">
        <table className="trust-table">
          <caption>{t('trust.survey.neighbourhoodCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trust.survey.answer')}</th>
              <th scope="col">{t('trust.survey.people')}</th>
            </tr>
          </thead>
          <tbody>
            {(['many', 'some', 'a_few', 'none'] as const).map((answer) => (
              <tr key={answer}>
                <th scope="row">{t(`trust.survey.neighbourhood.${answer}`)}</th>
                <td>{count(results.neighbourhood[answer])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-small text-muted">{t('trust.survey.source', { source: national.source })} {t('trust.survey.privacy')}</p>
    </Card>
  );
}
