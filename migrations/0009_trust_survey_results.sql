-- A trust survey's answer counts are fixed when it closes. Results are only shown for closed
-- surveys, and fixing them there means they never move again: not when a late answer races
-- the close, and not when a member who answered deletes their account (their answers are
-- erased, but a count that dropped by one would tell whoever noticed how they had answered).
ALTER TABLE trust_surveys ADD COLUMN results jsonb;

UPDATE trust_surveys s SET results = (
  SELECT jsonb_build_object(
    'total', count(*),
    'generalised', jsonb_build_object(
      'most_people', count(*) FILTER (WHERE r.generalised = 'most_people'),
      'cannot_be_too_careful', count(*) FILTER (WHERE r.generalised = 'cannot_be_too_careful')),
    'neighbourhood', jsonb_build_object(
      'many', count(*) FILTER (WHERE r.neighbourhood = 'many'),
      'some', count(*) FILTER (WHERE r.neighbourhood = 'some'),
      'a_few', count(*) FILTER (WHERE r.neighbourhood = 'a_few'),
      'none', count(*) FILTER (WHERE r.neighbourhood = 'none')))
  FROM trust_survey_responses r WHERE r.survey_id = s.id)
WHERE s.closed_at IS NOT NULL;

ALTER TABLE trust_surveys ADD CONSTRAINT trust_surveys_results_when_closed CHECK ((closed_at IS NULL) = (results IS NULL));
