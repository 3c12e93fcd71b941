-- The ledger posts with fewer key checks and index entries, and can refuse a posting after the
-- fact. No rule is dropped; one becomes stronger.
--
-- ledger_transactions.community_id loses its own foreign key to communities, which only
-- repeated what the other keys already hold: a transaction commits only with two or more
-- entries (ledger_transactions_balanced), each entry carries its transaction's community (the
-- entries' key to ledger_transactions) and names an account of that community (the entries'
-- key to ledger_accounts), and every account belongs to a community (ledger_accounts' key to
-- communities, which also keeps a community with accounts from being deleted). The key cost a
-- check and a share lock on the community's row for every posting, a row every concurrent
-- posting in the community locks.
ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_community_id_fkey;

-- A reversal's key points at the (id, community_id, kind, base_kind) key the entries already
-- use, with the reversal's base kind as both the kind and the base kind of what it reverses:
-- the same community and the same kind of movement as before, and, in the database too now,
-- never a reversal of a reversal (the service already refused one). The (id, community_id,
-- base_kind) key only reversals used goes, and with it one index entry per posting.
ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_reverses_id_community_id_base_kind_fkey;
ALTER TABLE ledger_transactions ADD CONSTRAINT ledger_transactions_reverses_fkey
  FOREIGN KEY (reverses_id, community_id, base_kind, base_kind) REFERENCES ledger_transactions (id, community_id, kind, base_kind);
ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_id_community_id_base_kind_key;

-- A posting that locks its accounts and writes in one statement checks the community's limits
-- against the balances it locked once the statement returns (server/features/ledger/posting.ts).
-- When one is broken the service calls this, which aborts the database transaction: nothing
-- in it can commit any more, whatever the caller does with the 409.
CREATE FUNCTION kith_ledger_refuse(reason text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger posting refused: %', reason USING ERRCODE = 'check_violation';
END;
$$;
