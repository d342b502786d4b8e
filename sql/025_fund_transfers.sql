-- 025_fund_transfers: money moved between the venue's own money accounts (资金划转与渠道到账).
--
-- WeChat, Alipay and card takings wait on their clearing accounts (1011-1014) until the
-- channel settles them into the bank, usually the next day and net of its fee (渠道到账); the
-- safe's cash is taken to the bank (存现), and now and then the bank's cash is drawn for change
-- (取现). Each is one transfer: what left the from-account (amount_fen), what the channel kept
-- (fee_fen, only when a clearing account settles into the bank), and one journal entry
-- (source_kind 'transfer', source_id = the transfer's id):
--     Dr to-account (amount - fee), Dr exp_channel_fees (fee) / Cr from-account (amount).
-- src/finance/transfers.c keeps the accounts and the rule. A transfer is never edited: a
-- mistake is cancelled by the reversal of its entry, dated in an open business day.

CREATE TABLE fund_transfers (
    id              INTEGER PRIMARY KEY,
    venue_id        INTEGER NOT NULL REFERENCES venue(id),
    day             TEXT NOT NULL CHECK (length(day) = 10),   -- business day YYYY-MM-DD
    -- System keys of the chart (the postings find the accounts by them).
    from_account    TEXT NOT NULL CHECK (from_account IN ('safe','bank','clr_wechat',
                        'clr_alipay','clr_card','clr_other')),
    to_account      TEXT NOT NULL CHECK (to_account IN ('bank','safe')),
    amount_fen      INTEGER NOT NULL CHECK (amount_fen BETWEEN 1 AND 1000000000000000),
    fee_fen         INTEGER NOT NULL DEFAULT 0 CHECK (fee_fen >= 0 AND fee_fen < amount_fen),
    -- The bank slip or the channel's settlement batch number ('' when none).
    reference       TEXT NOT NULL DEFAULT '' CHECK (length(reference) <= 64),
    note            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('posted','cancelled')),
    created_by      TEXT NOT NULL,
    created_by_id   INTEGER NOT NULL DEFAULT 0,               -- 0: the command line or the demo
    created_at      INTEGER NOT NULL,
    entry_id        INTEGER NOT NULL REFERENCES journal_entries(id),
    cancelled_by    TEXT NOT NULL DEFAULT '',
    cancelled_at    INTEGER,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    reversal_entry_id INTEGER REFERENCES journal_entries(id),
    CHECK (from_account <> to_account),
    -- Only a channel settling into the bank keeps a fee.
    CHECK (fee_fen = 0 OR (substr(from_account, 1, 4) = 'clr_' AND to_account = 'bank')),
    CHECK ((status = 'cancelled') = (reversal_entry_id IS NOT NULL))
) STRICT;
CREATE INDEX fund_transfers_day ON fund_transfers(venue_id, day, id);
-- A settlement batch or a bank slip is entered once per from-account; a cancelled transfer
-- frees its reference for the corrected one.
CREATE UNIQUE INDEX fund_transfers_reference ON fund_transfers(venue_id, from_account, reference)
    WHERE reference <> '' AND status = 'posted';

CREATE TRIGGER fund_transfers_no_delete BEFORE DELETE ON fund_transfers
BEGIN SELECT RAISE(ABORT, 'fund transfers are never deleted'); END;
-- What a transfer says is fixed when it is written; it may only be cancelled, once.
CREATE TRIGGER fund_transfers_fixed BEFORE UPDATE ON fund_transfers
WHEN NEW.venue_id IS NOT OLD.venue_id OR NEW.day IS NOT OLD.day
  OR NEW.from_account IS NOT OLD.from_account OR NEW.to_account IS NOT OLD.to_account
  OR NEW.amount_fen IS NOT OLD.amount_fen OR NEW.fee_fen IS NOT OLD.fee_fen
  OR NEW.reference IS NOT OLD.reference OR NEW.note IS NOT OLD.note
  OR NEW.created_by IS NOT OLD.created_by OR NEW.created_by_id IS NOT OLD.created_by_id
  OR NEW.created_at IS NOT OLD.created_at OR NEW.entry_id IS NOT OLD.entry_id
  OR OLD.status <> 'posted' OR NEW.status <> 'cancelled'
BEGIN SELECT RAISE(ABORT, 'a fund transfer is never edited, only cancelled once'); END;

-- The fee account of the transfers, for the venues whose chart was seeded before it existed
-- (src/finance/store.c seeds it for new ones). Its code is 6012 unless the venue already
-- gave that code to an account of its own.
INSERT INTO accounts(venue_id, code, name, name_en, type, grp, party_kind, system_key,
                     sort_order, created_at)
SELECT v.venue_id,
       CASE WHEN EXISTS (SELECT 1 FROM accounts c WHERE c.venue_id = v.venue_id AND c.code = '6012')
            THEN '6012-1' ELSE '6012' END,
       '支付渠道手续费', 'Payment channel fees', 'expense', 'expense', '', 'exp_channel_fees',
       v.sort_order + 5, CAST(strftime('%s','now') AS INTEGER)
FROM (SELECT venue_id, sort_order FROM accounts WHERE system_key = 'exp_till') v
WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.venue_id = v.venue_id
                  AND a.system_key = 'exp_channel_fees');

-- Finding the entry of an event by its source. journal_source (020) is partial (manual entries
-- and reversals have no source), so SQLite cannot use it for "source_kind = 'bill'": the
-- catch-up run at every start (finance_ensure) scanned the whole journal once per event
-- (5.5 s to open the 90-day demo). The demo's transfers read the books after posting the
-- history, which made that scan part of every demo run. This index serves those lookups.
CREATE INDEX journal_source_lookup ON journal_entries(venue_id, source_kind, source_id);
