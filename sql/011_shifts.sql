-- 011_shifts: cashier shifts, cash movements outside bills, business-day review (issue 3).

CREATE TABLE shifts (
    id                 INTEGER PRIMARY KEY,
    venue_id           INTEGER NOT NULL REFERENCES venue(id),
    cashier_id         INTEGER NOT NULL REFERENCES users(id),
    cashier            TEXT NOT NULL,
    business_day       TEXT NOT NULL,          -- the day the shift opened in
    opened_at          INTEGER NOT NULL,
    opening_fen        INTEGER NOT NULL CHECK (opening_fen >= 0),
    opening_count      TEXT NOT NULL DEFAULT '[]',   -- by denomination, JSON
    previous_shift_id  INTEGER REFERENCES shifts(id),
    opening_difference_fen INTEGER NOT NULL DEFAULT 0,
    handed_over_by     TEXT NOT NULL DEFAULT '',     -- the cashier who handed the float over
    status             TEXT NOT NULL CHECK (status IN ('open','closed','reviewed')),
    closed_at          INTEGER,
    closing_count      TEXT,
    counted_fen        INTEGER,
    expected_fen       INTEGER,
    difference_fen     INTEGER,
    difference_reason  TEXT NOT NULL DEFAULT '',
    difference_approved_by TEXT NOT NULL DEFAULT '',
    z_report           TEXT,                   -- the frozen snapshot, JSON
    reviewed_by        TEXT NOT NULL DEFAULT '',
    reviewed_at        INTEGER,
    review_note        TEXT NOT NULL DEFAULT ''
) STRICT;
-- One open shift per cashier at a time.
CREATE UNIQUE INDEX shifts_one_open ON shifts(cashier_id) WHERE status = 'open';
CREATE INDEX shifts_day ON shifts(venue_id, business_day);

-- Cash that moves without a bill: pay-in, pay-out (with a reason), safe drop.
CREATE TABLE shift_cash_events (
    id         INTEGER PRIMARY KEY,
    shift_id   INTEGER NOT NULL REFERENCES shifts(id),
    at         INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('pay_in','pay_out','safe_drop')),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    reason     TEXT NOT NULL DEFAULT '',
    by_user    TEXT NOT NULL
) STRICT;
CREATE INDEX shift_cash_events_shift ON shift_cash_events(shift_id);
CREATE TRIGGER shift_cash_events_no_update BEFORE UPDATE ON shift_cash_events
BEGIN SELECT RAISE(ABORT, 'cash events are never edited'); END;

-- The back office's confirmation of a business day (核对完毕).
CREATE TABLE business_days (
    venue_id     INTEGER NOT NULL REFERENCES venue(id),
    day          TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('confirmed')),
    confirmed_by TEXT NOT NULL,
    confirmed_at INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (venue_id, day)
) STRICT;
