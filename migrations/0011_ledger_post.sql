-- Posting to the ledger as a function: kith_ledger_post is now the one place that writes
-- ledger_transactions and ledger_entries (server/features/ledger/posting.ts calls it, on its
-- own or inside a larger statement). As a PL/pgSQL function its statements are planned once
-- per connection, on PostgreSQL and PGlite alike, instead of on every posting; and the
-- posting no longer depends on how one driver prepares statements.
--
-- It locks the accounts in id order (so that two postings over the same accounts cannot
-- deadlock) and, if all of them are the community's, writes the transaction and one entry
-- per account, which share its kinds and posted_at; otherwise it writes nothing. It returns
-- the new transaction's id and posted_at (NULL when nothing was written), the accounts as
-- locked, with their balances before the posting, and the community's limits, which the
-- service checks (limitBreach) before committing. The triggers move the balances and check at
-- commit that the transaction sums to zero, as for any other writer.
CREATE FUNCTION kith_ledger_post(
  p_community uuid, p_kind text, p_base_kind text, p_exchange uuid, p_group_exchange uuid, p_reverses uuid, p_note text, p_created_by uuid,
  p_accounts uuid[], p_amounts integer[],
  OUT posting_id uuid, OUT posting_at timestamptz, OUT locked_accounts jsonb, OUT limits_mode text, OUT max_debit integer, OUT max_credit integer)
LANGUAGE plpgsql AS $$
BEGIN
  SELECT s.mode, s.max_debit_minutes, s.max_credit_minutes INTO limits_mode, max_debit, max_credit
  FROM timebank_settings s WHERE s.community_id = p_community;
  SELECT jsonb_agg(jsonb_build_object('id', l.id, 'kind', l.kind, 'userId', l.user_id, 'balance', l.balance) ORDER BY l.id) INTO locked_accounts
  FROM (SELECT a.id, a.kind, a.user_id, a.balance FROM ledger_accounts a
        WHERE a.community_id = p_community AND a.id = ANY (p_accounts) ORDER BY a.id FOR UPDATE) l;
  IF coalesce(jsonb_array_length(locked_accounts), 0) <> cardinality(p_accounts) THEN
    RETURN;
  END IF;
  INSERT INTO ledger_transactions (community_id, kind, base_kind, exchange_id, group_exchange_id, reverses_id, note, created_by)
  VALUES (p_community, p_kind, p_base_kind, p_exchange, p_group_exchange, p_reverses, p_note, p_created_by)
  RETURNING id, posted_at INTO posting_id, posting_at;
  INSERT INTO ledger_entries (community_id, transaction_id, kind, base_kind, account_id, amount, posted_at)
  SELECT p_community, posting_id, p_kind, p_base_kind, leg.account_id, leg.amount, posting_at
  FROM unnest(p_accounts, p_amounts) AS leg(account_id, amount)
  ORDER BY leg.account_id;
END;
$$;
