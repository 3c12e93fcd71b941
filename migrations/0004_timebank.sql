-- Time bank: community settings, offers and requests, exchanges, references, group exchanges,
-- the hour ledger and in-app notifications.
--
-- The ledger is double-entry and append-only. Amounts are integer minutes. The database itself
-- refuses what would corrupt it: zero amounts, unbalanced transactions (checked at commit),
-- edits and deletes of posted rows, and any change to an account's balance other than by
-- posting an entry. Balance limits depend on community settings that coordinators change, so
-- the service enforces them under row locks (server/features/ledger/posting.ts).

-- One row per community, made with the community (trigger below) and kept for existing ones.
CREATE TABLE timebank_settings (
  community_id uuid PRIMARY KEY REFERENCES communities(id),
  -- zero_sum: every minute earned is a minute spent, balances and limits apply.
  -- participation: hours are counted for recognition; balances are not shown or limited.
  mode text NOT NULL DEFAULT 'zero_sum' CHECK (mode IN ('zero_sum', 'participation')),
  -- How far below zero a balance may go, and how high it may climb.
  max_debit_minutes integer NOT NULL DEFAULT 1200 CHECK (max_debit_minutes BETWEEN 0 AND 600000),
  max_credit_minutes integer NOT NULL DEFAULT 6000 CHECK (max_credit_minutes BETWEEN 60 AND 600000),
  auto_confirm_days integer NOT NULL DEFAULT 14 CHECK (auto_confirm_days BETWEEN 1 AND 90),
  -- Skill categories (skills.category) whose exchanges a coordinator must approve, and those
  -- whose helper must be safeguarding-checked (a current DBS check).
  approval_categories text[] NOT NULL DEFAULT '{}',
  safeguarding_categories text[] NOT NULL DEFAULT '{care-company}',
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An account per member (or organisation) per community, and one community fund account.
-- `balance` is maintained by the entry trigger only; kith_ledger_account_guard refuses any
-- other change, and the ledger tests check it against the sum of entries.
CREATE TABLE ledger_accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  kind text NOT NULL CHECK (kind IN ('member', 'fund')),
  user_id uuid REFERENCES users(id),
  balance bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'fund') = (user_id IS NULL)),
  UNIQUE (community_id, user_id),
  UNIQUE (id, community_id)
);
CREATE UNIQUE INDEX ledger_accounts_one_fund ON ledger_accounts (community_id) WHERE kind = 'fund';

CREATE FUNCTION kith_ledger_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ledger accounts are never deleted' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.balance <> 0 THEN
      RAISE EXCEPTION 'a ledger account opens with a zero balance' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.balance <> OLD.balance THEN
    RAISE EXCEPTION 'a ledger balance changes only by posting entries' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW.id <> OLD.id OR NEW.community_id <> OLD.community_id OR NEW.kind <> OLD.kind OR NEW.user_id IS DISTINCT FROM OLD.user_id THEN
    RAISE EXCEPTION 'a ledger account''s owner never changes' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_accounts_guard_insert BEFORE INSERT OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION kith_ledger_account_guard();
-- Updates are refused unless they come from a trigger: the only trigger that updates accounts is
-- kith_ledger_apply_entries, which moves balances as entries are posted. (The WHEN clause keeps
-- that path free of a second function call.)
CREATE TRIGGER ledger_accounts_guard_update BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION kith_ledger_account_guard();

-- A new community gets its settings and its fund account; existing ones get them now.
CREATE FUNCTION kith_timebank_open_community() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO timebank_settings (community_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  INSERT INTO ledger_accounts (community_id, kind) VALUES (NEW.id, 'fund') ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
CREATE TRIGGER communities_open_timebank AFTER INSERT ON communities
  FOR EACH ROW EXECUTE FUNCTION kith_timebank_open_community();
INSERT INTO timebank_settings (community_id) SELECT id FROM communities;
INSERT INTO ledger_accounts (community_id, kind) SELECT id, 'fund' FROM communities;

-- Offers of help and requests for help. lat/lng are already fuzzed to a ~200 m grid by the
-- service, so an exact home is never stored.
CREATE TABLE listings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  kind text NOT NULL CHECK (kind IN ('offer', 'request')),
  owner_id uuid NOT NULL REFERENCES users(id),
  created_by uuid NOT NULL REFERENCES users(id),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  skill_id integer NOT NULL REFERENCES skills(id),
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 1440),
  place text NOT NULL CHECK (place IN ('at_home', 'in_someones_home', 'in_public', 'online')),
  availability text NOT NULL DEFAULT '' CHECK (length(availability) <= 300),
  expires_on date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'closed')),
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lng double precision CHECK (lng BETWEEN -180 AND 180),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lng IS NULL)),
  UNIQUE (id, community_id)
);
CREATE INDEX listings_browse_idx ON listings (community_id, kind, status, created_at DESC);
CREATE INDEX listings_owner_idx ON listings (community_id, owner_id);
CREATE INDEX listings_skill_idx ON listings (community_id, skill_id) WHERE status = 'open';
CREATE INDEX listings_text_idx ON listings USING gin (to_tsvector('english', title || ' ' || description));

CREATE TABLE exchanges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  listing_id uuid,
  provider_id uuid NOT NULL REFERENCES users(id),
  receiver_id uuid NOT NULL REFERENCES users(id),
  proposed_by uuid NOT NULL REFERENCES users(id),
  skill_id integer NOT NULL REFERENCES skills(id),
  category text NOT NULL,
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  proposed_minutes integer CHECK (proposed_minutes BETWEEN 1 AND 1440),
  scheduled_for timestamptz,
  status text NOT NULL DEFAULT 'proposed'
    CHECK (status IN ('proposed', 'accepted', 'done', 'confirmed', 'declined', 'cancelled', 'disputed', 'resolved')),
  approval text NOT NULL DEFAULT 'not_needed' CHECK (approval IN ('not_needed', 'pending', 'approved', 'refused')),
  recorded_minutes integer CHECK (recorded_minutes BETWEEN 1 AND 1440),
  -- The receiver's counter-proposal, waiting for the provider to accept it.
  adjusted_minutes integer CHECK (adjusted_minutes BETWEEN 1 AND 1440),
  adjustment_note text NOT NULL DEFAULT '' CHECK (length(adjustment_note) <= 500),
  -- When the exchange began waiting for the other side (auto-confirm counts from here).
  awaiting_since timestamptz,
  confirmed_minutes integer CHECK (confirmed_minutes BETWEEN 0 AND 1440),
  confirmed_at timestamptz,
  confirmed_how text CHECK (confirmed_how IN ('receiver', 'adjustment_accepted', 'auto', 'proxy', 'resolution')),
  proxy_recorded_by uuid REFERENCES users(id),
  upheld_against uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (provider_id <> receiver_id),
  CHECK (status <> 'done' OR (recorded_minutes IS NOT NULL AND awaiting_since IS NOT NULL)),
  CHECK (status <> 'confirmed' OR (confirmed_minutes > 0 AND confirmed_at IS NOT NULL AND confirmed_how IS NOT NULL)),
  CHECK (upheld_against IS NULL OR upheld_against IN (provider_id, receiver_id)),
  FOREIGN KEY (listing_id, community_id) REFERENCES listings (id, community_id),
  UNIQUE (id, community_id)
);
CREATE INDEX exchanges_provider_idx ON exchanges (community_id, provider_id, created_at DESC);
CREATE INDEX exchanges_receiver_idx ON exchanges (community_id, receiver_id, created_at DESC);
CREATE INDEX exchanges_queue_idx ON exchanges (community_id, status, approval);
CREATE INDEX exchanges_awaiting_idx ON exchanges (awaiting_since) WHERE status = 'done';
-- Two people have at most one live exchange about the same listing (a double-click proposes once).
CREATE UNIQUE INDEX exchanges_one_live_per_listing ON exchanges (listing_id, provider_id, receiver_id)
  WHERE status IN ('proposed', 'accepted') AND listing_id IS NOT NULL;

-- The timeline of an exchange, one row per step. Append-only.
CREATE TABLE exchange_events (
  id bigserial PRIMARY KEY,
  community_id uuid NOT NULL,
  exchange_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('proposed', 'accepted', 'declined', 'cancelled', 'approved', 'refused', 'done', 'adjusted',
    'adjustment_accepted', 'confirmed', 'auto_confirmed', 'disputed', 'resolved', 'proxy_recorded')),
  -- NULL when the scheduler acted (auto-confirm).
  actor_id uuid REFERENCES users(id),
  -- Set when a coordinator acted for a member who is not online.
  on_behalf_of uuid REFERENCES users(id),
  minutes integer,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (exchange_id, community_id) REFERENCES exchanges (id, community_id)
);
CREATE INDEX exchange_events_exchange_idx ON exchange_events (exchange_id, id);

CREATE TABLE exchange_references (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL,
  exchange_id uuid NOT NULL,
  author_id uuid NOT NULL REFERENCES users(id),
  subject_id uuid NOT NULL REFERENCES users(id),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  would_exchange_again boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (author_id <> subject_id),
  UNIQUE (exchange_id, author_id),
  FOREIGN KEY (exchange_id, community_id) REFERENCES exchanges (id, community_id)
);
CREATE INDEX exchange_references_subject_idx ON exchange_references (community_id, subject_id, created_at DESC);

-- One activity that credits several participants (a litter-pick, a lunch club shift).
CREATE TABLE group_exchanges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
  skill_id integer NOT NULL REFERENCES skills(id),
  category text NOT NULL,
  occurred_on date NOT NULL,
  payer_account_id uuid NOT NULL,
  recorded_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (payer_account_id, community_id) REFERENCES ledger_accounts (id, community_id),
  UNIQUE (id, community_id)
);

CREATE TABLE ledger_transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  kind text NOT NULL CHECK (kind IN ('exchange', 'group_exchange', 'donation', 'grant', 'reversal')),
  -- What kind of movement this is at bottom: its own kind, or for a reversal the kind of what it
  -- reverses (held equal by the foreign key below), so reports never need to look it up.
  base_kind text NOT NULL CHECK (base_kind IN ('exchange', 'group_exchange', 'donation', 'grant')),
  exchange_id uuid,
  group_exchange_id uuid,
  reverses_id uuid,
  -- The reason for a grant or reversal (required), or a donor's message.
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  -- NULL when the scheduler posted it (auto-confirm).
  created_by uuid REFERENCES users(id),
  posted_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'reversal' OR base_kind = kind),
  CHECK ((kind = 'exchange') = (exchange_id IS NOT NULL)),
  CHECK ((kind = 'group_exchange') = (group_exchange_id IS NOT NULL)),
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
  CHECK (kind NOT IN ('grant', 'reversal') OR (length(btrim(note)) >= 3 AND created_by IS NOT NULL)),
  CHECK (reverses_id IS NULL OR reverses_id <> id),
  FOREIGN KEY (exchange_id, community_id) REFERENCES exchanges (id, community_id),
  FOREIGN KEY (group_exchange_id, community_id) REFERENCES group_exchanges (id, community_id),
  UNIQUE (id, community_id, base_kind),
  UNIQUE (id, community_id, kind, base_kind),
  -- A reversal stays in its community and carries the kind of what it reverses.
  FOREIGN KEY (reverses_id, community_id, base_kind) REFERENCES ledger_transactions (id, community_id, base_kind)
);
CREATE INDEX ledger_transactions_community_idx ON ledger_transactions (community_id, posted_at);
-- One transaction per exchange and per group exchange, one reversal per transaction. Partial, so
-- that the many rows without one of these cost no index entry.
CREATE UNIQUE INDEX ledger_transactions_one_per_exchange ON ledger_transactions (exchange_id) WHERE exchange_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_transactions_one_per_group ON ledger_transactions (group_exchange_id) WHERE group_exchange_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_transactions_one_reversal ON ledger_transactions (reverses_id) WHERE reverses_id IS NOT NULL;

-- Entries carry their transaction's kinds (held equal by the foreign key) so that a statement's
-- totals come from one index of the account's entries, however long its history.
CREATE TABLE ledger_entries (
  id bigserial PRIMARY KEY,
  community_id uuid NOT NULL,
  transaction_id uuid NOT NULL,
  kind text NOT NULL,
  base_kind text NOT NULL,
  account_id uuid NOT NULL,
  amount integer NOT NULL CHECK (amount <> 0 AND amount BETWEEN -1000000 AND 1000000),
  posted_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (transaction_id, community_id, kind, base_kind) REFERENCES ledger_transactions (id, community_id, kind, base_kind),
  FOREIGN KEY (account_id, community_id) REFERENCES ledger_accounts (id, community_id),
  UNIQUE (transaction_id, account_id)
);
-- Statements page newest first by id (ids follow posting order) and total without the heap.
CREATE INDEX ledger_entries_statement_idx ON ledger_entries (account_id, id) INCLUDE (amount, kind, base_kind);

-- Posting entries moves the accounts' balances in the same transaction: one UPDATE per
-- statement for all the accounts it touched.
CREATE FUNCTION kith_ledger_apply_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_accounts a SET balance = a.balance + moved.total
  FROM (SELECT account_id, sum(amount) AS total FROM new_entries GROUP BY account_id) moved
  WHERE a.id = moved.account_id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_entries_apply AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION kith_ledger_apply_entries();

-- At commit, every transaction touched has at least two entries and they sum to zero. It runs
-- for a new transaction (so one without entries fails) and for a new entry (so entries added
-- to an old transaction must still balance).
CREATE FUNCTION kith_ledger_require_balanced(tx uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n integer;
  total bigint;
BEGIN
  SELECT count(*), coalesce(sum(amount), 0) INTO n, total FROM ledger_entries WHERE transaction_id = tx;
  IF n < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % entries summing to % minutes', tx, n, total
      USING ERRCODE = 'check_violation';
  END IF;
END;
$$;
CREATE FUNCTION kith_ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kith_ledger_require_balanced(NEW.id);
  RETURN NULL;
END;
$$;
CREATE FUNCTION kith_ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kith_ledger_require_balanced(NEW.transaction_id);
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER ledger_transactions_balanced AFTER INSERT ON ledger_transactions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kith_ledger_transaction_balanced();
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kith_ledger_entry_balanced();

-- Posted history is never edited or deleted: corrections are reversal transactions.
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();
CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION kith_forbid_change();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION kith_forbid_change();
CREATE TRIGGER exchange_events_append_only BEFORE UPDATE OR DELETE ON exchange_events
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();
CREATE TRIGGER exchange_references_append_only BEFORE UPDATE OR DELETE ON exchange_references
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();
CREATE TRIGGER group_exchanges_append_only BEFORE UPDATE OR DELETE ON group_exchanges
  FOR EACH ROW EXECUTE FUNCTION kith_forbid_change();

-- In-app notifications (new matching requests, exchange steps). One per person per event.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  community_id uuid NOT NULL REFERENCES communities(id),
  user_id uuid NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind ~ '^[a-z_.]{2,60}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 1000),
  link text NOT NULL DEFAULT '' CHECK (length(link) <= 300),
  source_id text NOT NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, kind, source_id)
);
CREATE INDEX notifications_inbox_idx ON notifications (community_id, user_id, created_at DESC);
