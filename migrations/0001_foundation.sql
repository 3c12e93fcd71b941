-- Kith foundation: people, communities, membership, verification, moderation, mail.
-- Every table of community data carries community_id (the tenant) and is queried by it.

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
  email text,
  password_hash text,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
  is_admin boolean NOT NULL DEFAULT false,
  suspended_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'organisation' OR deleted_at IS NOT NULL OR (email IS NOT NULL AND password_hash IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE profiles (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  bio text NOT NULL DEFAULT '' CHECK (length(bio) <= 1000),
  area text NOT NULL DEFAULT '' CHECK (length(area) <= 120),
  languages text[] NOT NULL DEFAULT '{}',
  accessibility_needs text NOT NULL DEFAULT '' CHECK (length(accessibility_needs) <= 500),
  contact_by_email boolean NOT NULL DEFAULT false,
  contact_by_app boolean NOT NULL DEFAULT true,
  phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
  show_phone boolean NOT NULL DEFAULT false,
  show_in_directory boolean NOT NULL DEFAULT true,
  show_bio boolean NOT NULL DEFAULT true,
  show_area boolean NOT NULL DEFAULT true,
  analytics_opt_out boolean NOT NULL DEFAULT false,
  reach_out_ok boolean NOT NULL DEFAULT false,
  photo bytea,
  photo_type text CHECK (photo_type IN ('image/jpeg', 'image/png', 'image/webp')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skills (
  id serial PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
  category text NOT NULL DEFAULT 'other',
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_skills (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  skill_id integer NOT NULL REFERENCES skills(id),
  kind text NOT NULL CHECK (kind IN ('skill', 'interest')),
  PRIMARY KEY (user_id, skill_id, kind)
);

CREATE TABLE communities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 80),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  centre_lat double precision NOT NULL CHECK (centre_lat BETWEEN -90 AND 90),
  centre_lng double precision NOT NULL CHECK (centre_lng BETWEEN -180 AND 180),
  radius_m integer NOT NULL CHECK (radius_m BETWEEN 100 AND 100000),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  community_id uuid NOT NULL REFERENCES communities(id),
  user_id uuid NOT NULL REFERENCES users(id),
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'coordinator', 'officer', 'organisation')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'left')),
  status_reason text NOT NULL DEFAULT '',
  joined_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE join_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  user_id uuid NOT NULL REFERENCES users(id),
  message text NOT NULL DEFAULT '' CHECK (length(message) <= 1000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX join_requests_one_pending ON join_requests (community_id, user_id) WHERE status = 'pending';

CREATE TABLE invites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users(id),
  note text NOT NULL DEFAULT '',
  max_uses integer NOT NULL DEFAULT 1 CHECK (max_uses BETWEEN 1 AND 500),
  uses integer NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invites_community_idx ON invites (community_id);

CREATE TABLE organisation_agents (
  community_id uuid NOT NULL REFERENCES communities(id),
  organisation_id uuid NOT NULL REFERENCES users(id),
  user_id uuid NOT NULL REFERENCES users(id),
  title text NOT NULL DEFAULT '' CHECK (length(title) <= 80),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (community_id, organisation_id, user_id)
);

-- Vouches and verifications are facts: append-only, kept (anonymised) when a person leaves.
CREATE TABLE vouches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  voucher_id uuid NOT NULL REFERENCES users(id),
  subject_id uuid NOT NULL REFERENCES users(id),
  voucher_level text NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (voucher_id <> subject_id),
  UNIQUE (community_id, voucher_id, subject_id)
);
CREATE INDEX vouches_subject_idx ON vouches (community_id, subject_id);

CREATE TABLE verifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  subject_id uuid NOT NULL REFERENCES users(id),
  coordinator_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('identity_address', 'dbs')),
  checked_on date NOT NULL,
  expires_on date,
  reference text NOT NULL DEFAULT '' CHECK (length(reference) <= 120),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'dbs' OR (expires_on IS NOT NULL AND expires_on > checked_on))
);
CREATE INDEX verifications_subject_idx ON verifications (community_id, subject_id);

-- What people do together, for the trust engine. Append-only.
CREATE TABLE interactions (
  id bigserial PRIMARY KEY,
  community_id uuid NOT NULL REFERENCES communities(id),
  actor_id uuid NOT NULL REFERENCES users(id),
  subject_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind ~ '^[a-z_]{2,40}$'),
  weight double precision NOT NULL CHECK (weight <> 0 AND weight BETWEEN -10 AND 10),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  source_type text NOT NULL,
  source_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (actor_id <> subject_id)
);
CREATE INDEX interactions_community_idx ON interactions (community_id, occurred_at);

CREATE FUNCTION kith_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: corrections are new rows, never edits or deletes', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER interactions_append_only BEFORE UPDATE OR DELETE ON interactions
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();
CREATE TRIGGER vouches_append_only BEFORE UPDATE OR DELETE ON vouches
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();
CREATE TRIGGER verifications_append_only BEFORE UPDATE OR DELETE ON verifications
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();

CREATE TABLE blocks (
  blocker_id uuid NOT NULL REFERENCES users(id),
  blocked_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id)
);

CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  reporter_id uuid REFERENCES users(id),
  subject_user_id uuid REFERENCES users(id),
  content_type text NOT NULL DEFAULT 'profile' CHECK (content_type ~ '^[a-z_]{2,40}$'),
  content_id text NOT NULL DEFAULT '',
  reason text NOT NULL CHECK (reason IN ('spam', 'harassment', 'unsafe', 'impersonation', 'inappropriate', 'other')),
  details text NOT NULL DEFAULT '' CHECK (length(details) <= 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
  resolved_by uuid REFERENCES users(id),
  resolution_note text NOT NULL DEFAULT '',
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_community_idx ON reports (community_id, status);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  active_community_id uuid REFERENCES communities(id),
  ip text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE sign_in_attempts (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  ip text NOT NULL,
  succeeded boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_email_idx ON sign_in_attempts (email, at);
CREATE INDEX sign_in_attempts_ip_idx ON sign_in_attempts (ip, at);

CREATE TABLE account_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_change')),
  new_email text,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  transport text NOT NULL CHECK (transport IN ('smtp', 'outbox')),
  sent_at timestamptz,
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_created_idx ON outbox (created_at DESC);
