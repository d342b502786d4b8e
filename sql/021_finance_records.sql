-- 021_finance_records: income and expense records (财务收支), their approval, receipts and
-- history, and the venue's finance settings.
--
-- A record is a money event entered by finance: rent paid by bank, a repair paid from the safe,
-- a sponsorship received by WeChat. It names an account of the chart as its category (an
-- expense account for an expense, a revenue or other-income account for an income) and the
-- channel the money moved through; src/finance/records.c keeps the channel list and the
-- posting rule (expense: Dr category / Cr channel; income: Dr channel / Cr category).
--
-- A record at or below the venue's approval threshold posts when it is written; one above it
-- waits ('pending') for a manager who did not write it. A posted record is never edited: a
-- mistake is cancelled by a reversal entry dated in an open business day.

CREATE TABLE finance_settings (
    venue_id                INTEGER PRIMARY KEY REFERENCES venue(id),
    -- Records above this amount wait for a manager's approval (1,000.00 by default).
    approval_threshold_fen  INTEGER NOT NULL DEFAULT 100000
                            CHECK (approval_threshold_fen BETWEEN 0 AND 1000000000000000),
    -- The largest receipt image accepted: 5 MiB by default (a phone photo is 2-4 MB), at most
    -- 20 MiB (the receipt route's own body cap, records_api.c).
    receipt_max_bytes       INTEGER NOT NULL DEFAULT 5242880
                            CHECK (receipt_max_bytes BETWEEN 1024 AND 20971520),
    updated_by              TEXT NOT NULL DEFAULT '',
    updated_at              INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE finance_records (
    id              INTEGER PRIMARY KEY,
    venue_id        INTEGER NOT NULL REFERENCES venue(id),
    day             TEXT NOT NULL CHECK (length(day) = 10),   -- business day YYYY-MM-DD
    kind            TEXT NOT NULL CHECK (kind IN ('income','expense')),
    account_id      INTEGER NOT NULL REFERENCES accounts(id), -- the category
    amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
    -- One of the channels of record_channels[] in src/finance/records.c (kept there, once).
    channel         TEXT NOT NULL CHECK (length(channel) BETWEEN 1 AND 20),
    counterparty    TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('pending','posted','rejected','cancelled')),
    created_by      TEXT NOT NULL,
    created_by_id   INTEGER NOT NULL DEFAULT 0,               -- 0: the command line or the demo
    created_at      INTEGER NOT NULL,
    entry_id        INTEGER REFERENCES journal_entries(id),   -- the posting, once posted
    decided_by      TEXT NOT NULL DEFAULT '',                 -- who approved or rejected
    decided_at      INTEGER,
    decision_note   TEXT NOT NULL DEFAULT '',
    cancelled_by    TEXT NOT NULL DEFAULT '',
    cancelled_at    INTEGER,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    reversal_entry_id INTEGER REFERENCES journal_entries(id),
    -- The receipt file, stored outside the database under <db dir>/receipts/<venue>/<sha256>.<ext>.
    receipt_sha256  TEXT CHECK (receipt_sha256 IS NULL OR length(receipt_sha256) = 64),
    receipt_type    TEXT,
    receipt_bytes   INTEGER,
    receipt_at      INTEGER,
    receipt_by      TEXT NOT NULL DEFAULT '',
    -- A posted record has its entry, a cancelled one its reversal as well.
    CHECK ((status IN ('posted','cancelled')) = (entry_id IS NOT NULL)),
    CHECK ((status = 'cancelled') = (reversal_entry_id IS NOT NULL))
) STRICT;
CREATE INDEX finance_records_day ON finance_records(venue_id, day, id);
CREATE INDEX finance_records_account ON finance_records(venue_id, account_id, day);
CREATE INDEX finance_records_status ON finance_records(venue_id, status, day);

CREATE TRIGGER finance_records_no_delete BEFORE DELETE ON finance_records
BEGIN SELECT RAISE(ABORT, 'finance records are never deleted'); END;
-- What a record says is fixed when it is written; only its status moves on, one way:
-- pending -> posted | rejected, posted -> cancelled. A receipt may be attached or replaced
-- (the history keeps every file) until the record is rejected or cancelled.
CREATE TRIGGER finance_records_fixed BEFORE UPDATE ON finance_records
WHEN NEW.venue_id IS NOT OLD.venue_id OR NEW.day IS NOT OLD.day OR NEW.kind IS NOT OLD.kind
  OR NEW.account_id IS NOT OLD.account_id OR NEW.amount_fen IS NOT OLD.amount_fen
  OR NEW.channel IS NOT OLD.channel OR NEW.counterparty IS NOT OLD.counterparty
  OR NEW.note IS NOT OLD.note OR NEW.created_by IS NOT OLD.created_by
  OR NEW.created_by_id IS NOT OLD.created_by_id OR NEW.created_at IS NOT OLD.created_at
  OR (OLD.entry_id IS NOT NULL AND NEW.entry_id IS NOT OLD.entry_id)
  OR (OLD.reversal_entry_id IS NOT NULL AND NEW.reversal_entry_id IS NOT OLD.reversal_entry_id)
  OR (OLD.decided_at IS NOT NULL AND (NEW.decided_by IS NOT OLD.decided_by
      OR NEW.decided_at IS NOT OLD.decided_at OR NEW.decision_note IS NOT OLD.decision_note))
BEGIN SELECT RAISE(ABORT, 'a finance record is never edited'); END;
CREATE TRIGGER finance_records_status BEFORE UPDATE OF status ON finance_records
WHEN NEW.status IS NOT OLD.status
 AND NOT ((OLD.status = 'pending' AND NEW.status IN ('posted','rejected'))
       OR (OLD.status = 'posted' AND NEW.status = 'cancelled'))
BEGIN SELECT RAISE(ABORT, 'a finance record status moves pending -> posted/rejected -> cancelled'); END;
CREATE TRIGGER finance_records_receipt BEFORE UPDATE OF receipt_sha256 ON finance_records
WHEN NEW.receipt_sha256 IS NOT OLD.receipt_sha256 AND OLD.status IN ('rejected','cancelled')
BEGIN SELECT RAISE(ABORT, 'a closed finance record keeps its receipt'); END;

-- Who did what to a record, when: written, posted, approved, rejected, cancelled, receipt
-- attached. Append-only: the approval trail of a record is read here.
CREATE TABLE finance_record_events (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES finance_records(id),
    venue_id    INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    by_user     TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create','approve','reject','cancel','receipt')),
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    entry_id    INTEGER REFERENCES journal_entries(id)  -- the entry this step posted, if any
) STRICT;
CREATE INDEX finance_record_events_record ON finance_record_events(record_id, id);
CREATE TRIGGER finance_record_events_no_update BEFORE UPDATE ON finance_record_events
BEGIN SELECT RAISE(ABORT, 'finance record history is append-only'); END;
CREATE TRIGGER finance_record_events_no_delete BEFORE DELETE ON finance_record_events
BEGIN SELECT RAISE(ABORT, 'finance record history is append-only'); END;
