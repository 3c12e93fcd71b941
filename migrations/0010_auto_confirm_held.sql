-- An automatic confirmation that a limit or a party's standing stops is held for a coordinator
-- instead of being retried every hour: the exchange leaves the scheduler's list (auto_confirm_held_at
-- is set), its timeline says why, and the coordinators' queue lists it to resolve.
ALTER TABLE exchange_events DROP CONSTRAINT exchange_events_kind_check;
ALTER TABLE exchange_events ADD CONSTRAINT exchange_events_kind_check CHECK (kind IN ('proposed', 'accepted', 'declined', 'cancelled', 'approved',
  'refused', 'done', 'adjusted', 'adjustment_accepted', 'confirmed', 'auto_confirmed', 'auto_confirm_held', 'disputed', 'resolved', 'proxy_recorded'));

-- When the scheduler held the exchange's automatic confirmation; it then waits for a coordinator
-- (or the people themselves) and the scheduler leaves it alone.
ALTER TABLE exchanges ADD COLUMN auto_confirm_held_at timestamptz;
