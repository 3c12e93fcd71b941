-- What each person wants Kith to tell them about, kept apart from what they show to other
-- members: profiles.contact_by_email means "members may see my email address", which is not
-- consent to be emailed by Kith. Person-level like profiles; no row means the defaults.
CREATE TABLE notification_preferences (
  user_id uuid PRIMARY KEY REFERENCES users(id),
  -- New requests that match my skills or offers, in the app.
  matching_requests_in_app boolean NOT NULL DEFAULT true,
  -- The same by email: off until the person turns it on.
  matching_requests_email boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Nobody is told more than before: people who had turned off contact through the app were not
-- sent these in the app, so they keep that. Email is not carried over from contact_by_email,
-- because showing an address to neighbours never asked for these emails.
INSERT INTO notification_preferences (user_id, matching_requests_in_app)
  SELECT user_id, false FROM profiles WHERE NOT contact_by_app;
