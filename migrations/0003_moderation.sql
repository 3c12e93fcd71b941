-- Moderation, safety and privacy rights.

-- A member may have only one open report about the same thing; a second is a 409, even when
-- two arrive at once. Profile reports use the reported person's id as content_id.
CREATE UNIQUE INDEX reports_one_open_per_reporter ON reports (community_id, reporter_id, content_type, content_id) WHERE status = 'open';
CREATE INDEX reports_subject_idx ON reports (community_id, subject_user_id);
CREATE INDEX reports_reporter_idx ON reports (reporter_id);

-- Who is blocked by whom, looked up from both sides.
CREATE INDEX IF NOT EXISTS blocks_blocked_id_idx ON blocks (blocked_id);

-- The record of suspensions and administrator changes, with the reason given. Community actions
-- carry the community; instance-wide actions (accounts, administrators) have none.
CREATE TABLE moderation_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid REFERENCES communities(id),
  actor_id uuid NOT NULL REFERENCES users(id),
  subject_id uuid NOT NULL REFERENCES users(id),
  action text NOT NULL CHECK (action IN ('suspend_member', 'reinstate_member', 'suspend_account', 'reinstate_account', 'grant_admin', 'revoke_admin')),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((community_id IS NOT NULL) = (action IN ('suspend_member', 'reinstate_member')))
);
CREATE INDEX moderation_actions_subject_idx ON moderation_actions (subject_id, created_at);
CREATE INDEX moderation_actions_community_idx ON moderation_actions (community_id, created_at);
CREATE TRIGGER moderation_actions_append_only BEFORE UPDATE OR DELETE ON moderation_actions
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();

-- Export and erasure look these up by person.
CREATE INDEX IF NOT EXISTS interactions_actor_id_idx ON interactions (actor_id);
CREATE INDEX IF NOT EXISTS interactions_subject_id_idx ON interactions (subject_id);
CREATE INDEX IF NOT EXISTS vouches_voucher_id_idx ON vouches (voucher_id);
CREATE INDEX IF NOT EXISTS join_requests_user_id_idx ON join_requests (user_id);
CREATE INDEX IF NOT EXISTS outbox_to_address_idx ON outbox (lower(to_address));
