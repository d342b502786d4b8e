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
    previous_counted_fen INTEGER,              -- the previous shift's counted closing
    opening_difference_fen INTEGER NOT NULL DEFAULT 0,
    handed_over_by     TEXT NOT NULL DEFAULT '',     -- the cashier who handed the float over
    status             TEXT NOT NULL CHECK (status IN ('open','closed','reviewed')),
    closed_at          INTEGER,
    closed_by          TEXT NOT NULL DEFAULT '',
    closing_count      TEXT,
    counted_fen        INTEGER,
    expected_fen       INTEGER,
    difference_fen     INTEGER,
    -- How the difference is booked (长缴短补): '' none, 'other_income' for an over,
    -- 'cashier_receivable' for a short. Set at close by the pure rule (drawer.c), never after.
    difference_treatment TEXT NOT NULL DEFAULT ''
        CHECK (difference_treatment IN ('','other_income','cashier_receivable')),
    difference_reason  TEXT NOT NULL DEFAULT '',
    difference_approved_by TEXT NOT NULL DEFAULT '',
    difference_approved_at INTEGER,
    approval_note      TEXT NOT NULL DEFAULT '',
    z_report           TEXT,                   -- the frozen snapshot, JSON
    reviewed_by        TEXT NOT NULL DEFAULT '',
    reviewed_at        INTEGER,
    review_note        TEXT NOT NULL DEFAULT ''
) STRICT;
-- One open shift per cashier at a time.
CREATE UNIQUE INDEX shifts_one_open ON shifts(cashier_id) WHERE status = 'open';
CREATE INDEX shifts_day ON shifts(venue_id, business_day);
-- A closing count opens at most one next shift: the opening difference is reported once (S3).
CREATE UNIQUE INDEX shifts_previous_once ON shifts(previous_shift_id)
    WHERE previous_shift_id IS NOT NULL;

-- A closed shift is a frozen snapshot: its figures, count and Z report never change, its
-- difference stays as recorded (S4), approval and review are given once, and it never reopens.
CREATE TRIGGER shifts_frozen BEFORE UPDATE ON shifts
WHEN OLD.status <> 'open' AND (
    NEW.status = 'open' OR (OLD.status = 'reviewed' AND NEW.status <> 'reviewed')
    OR NEW.venue_id IS NOT OLD.venue_id OR NEW.cashier_id IS NOT OLD.cashier_id
    OR NEW.business_day IS NOT OLD.business_day OR NEW.opened_at IS NOT OLD.opened_at
    OR NEW.opening_fen IS NOT OLD.opening_fen OR NEW.opening_count IS NOT OLD.opening_count
    OR NEW.opening_difference_fen IS NOT OLD.opening_difference_fen
    OR NEW.previous_shift_id IS NOT OLD.previous_shift_id
    OR NEW.closed_at IS NOT OLD.closed_at OR NEW.closing_count IS NOT OLD.closing_count
    OR NEW.counted_fen IS NOT OLD.counted_fen OR NEW.expected_fen IS NOT OLD.expected_fen
    OR NEW.difference_fen IS NOT OLD.difference_fen
    OR NEW.difference_treatment IS NOT OLD.difference_treatment
    OR NEW.difference_reason IS NOT OLD.difference_reason OR NEW.z_report IS NOT OLD.z_report
    OR (OLD.difference_approved_by <> ''
        AND NEW.difference_approved_by IS NOT OLD.difference_approved_by)
    OR (OLD.reviewed_by <> '' AND NEW.reviewed_by IS NOT OLD.reviewed_by))
BEGIN SELECT RAISE(ABORT, 'a closed shift is frozen'); END;
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END;

-- What finance posts from (长缴短补, 不得以长补短): one row per closed shift with a difference,
-- each standing alone; an over is other income, a short is owed by the cashier.
CREATE VIEW shift_over_short AS
SELECT id AS shift_id, venue_id, business_day, cashier_id, cashier, closed_at, difference_fen,
       difference_treatment AS treatment, difference_reason AS reason,
       difference_approved_by AS approved_by, difference_approved_at AS approved_at
FROM shifts
WHERE status IN ('closed','reviewed') AND difference_fen <> 0;

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
CREATE TRIGGER shift_cash_events_no_delete BEFORE DELETE ON shift_cash_events
BEGIN SELECT RAISE(ABORT, 'cash events are never deleted'); END;

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
-- A confirmation is given once and stands.
CREATE TRIGGER business_days_no_update BEFORE UPDATE ON business_days
BEGIN SELECT RAISE(ABORT, 'a confirmed business day is never edited'); END;
CREATE TRIGGER business_days_no_delete BEFORE DELETE ON business_days
BEGIN SELECT RAISE(ABORT, 'a confirmed business day is never deleted'); END;
