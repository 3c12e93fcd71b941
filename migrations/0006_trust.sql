-- Trust and social capital: the trust engine's stored results (scores, runs, monthly
-- measures) and the short trust survey coordinators run.

-- Community trust per member, replaced as a whole by each recompute. Never shown to anyone as
-- a number; other features ask server/features/trust for words or a 0..1 strength.
CREATE TABLE trust_scores (
  community_id uuid NOT NULL REFERENCES communities(id),
  user_id uuid NOT NULL REFERENCES users(id),
  score double precision NOT NULL CHECK (score >= 0 AND score <= 1),
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (community_id, user_id)
);

-- One row per recompute: how it converged and which interactions it had seen, so the burst
-- check can count what arrived since.
CREATE TABLE trust_runs (
  id bigserial PRIMARY KEY,
  community_id uuid NOT NULL REFERENCES communities(id),
  reason text NOT NULL CHECK (reason IN ('daily', 'burst', 'manual', 'demo')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  iterations integer NOT NULL CHECK (iterations >= 0),
  residual double precision NOT NULL CHECK (residual >= 0),
  members integer NOT NULL CHECK (members >= 0),
  ties integer NOT NULL CHECK (ties >= 0),
  duration_ms integer NOT NULL CHECK (duration_ms >= 0),
  last_interaction_id bigint NOT NULL DEFAULT 0,
  months_measured integer NOT NULL DEFAULT 0 CHECK (months_measured >= 0)
);
CREATE INDEX trust_runs_community_idx ON trust_runs (community_id, id DESC);

-- The social-capital measures of the graph as it stood at the end of each month (the current
-- month: as of the last recompute). Member ids inside are for the coordinator's named lists;
-- every reader filters them by the members' current privacy choices.
CREATE TABLE trust_measures (
  community_id uuid NOT NULL REFERENCES communities(id),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  measures jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, month)
);

-- The trust survey: generalised trust and neighbourhood trust, as the Community Life Survey
-- asks them, repeated over time. At most one open survey per community.
CREATE TABLE trust_surveys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
  opened_by uuid NOT NULL REFERENCES users(id),
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_by uuid REFERENCES users(id),
  closed_at timestamptz,
  CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
  UNIQUE (id, community_id)
);
CREATE UNIQUE INDEX trust_surveys_one_open ON trust_surveys (community_id) WHERE closed_at IS NULL;
CREATE INDEX trust_surveys_community_idx ON trust_surveys (community_id, opened_at DESC);

CREATE TABLE trust_survey_responses (
  survey_id uuid NOT NULL,
  community_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  generalised text NOT NULL CHECK (generalised IN ('most_people', 'cannot_be_too_careful')),
  neighbourhood text NOT NULL CHECK (neighbourhood IN ('many', 'some', 'a_few', 'none')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (survey_id, user_id),
  FOREIGN KEY (survey_id, community_id) REFERENCES trust_surveys (id, community_id)
);
CREATE INDEX trust_survey_responses_user_idx ON trust_survey_responses (user_id);

-- The burst check and the live graph's freshness key ask for a community's newest interactions.
CREATE INDEX interactions_community_id_idx ON interactions (community_id, id);
