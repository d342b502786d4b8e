-- 012_members: members (会员) with stored value (储值) kept as an append-only ledger.
-- Principal and bonus (充送赠额) are apart: refunds return principal only, and the month-end
-- liability report needs both. A balance is the sum of the member's ledger, never a number
-- edited in place.

CREATE TABLE members (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    phone       TEXT NOT NULL CHECK (length(phone) BETWEEN 5 AND 20),
    name        TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL DEFAULT '',
    discount_bp INTEGER NOT NULL DEFAULT 10000 CHECK (discount_bp BETWEEN 0 AND 10000),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    created_at  INTEGER NOT NULL,
    UNIQUE (venue_id, phone)
) STRICT;

CREATE TABLE member_ledger (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    at              INTEGER NOT NULL,
    business_day    TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('topup','pay','refund','void','adjust')),
    principal_fen   INTEGER NOT NULL,   -- signed change of principal
    bonus_fen       INTEGER NOT NULL,   -- signed change of bonus
    bill_id         INTEGER REFERENCES bills(id),
    payment_seq     INTEGER,            -- the bill's tender (bill_payments.seq) it belongs to
    shift_id        INTEGER,
    note            TEXT NOT NULL DEFAULT '',
    by_user         TEXT NOT NULL
) STRICT;
CREATE INDEX member_ledger_member ON member_ledger(member_id);
CREATE INDEX member_ledger_bill ON member_ledger(bill_id);
CREATE TRIGGER member_ledger_no_update BEFORE UPDATE ON member_ledger
BEGIN SELECT RAISE(ABORT, 'the member ledger is append-only'); END;
CREATE TRIGGER member_ledger_no_delete BEFORE DELETE ON member_ledger
BEGIN SELECT RAISE(ABORT, 'the member ledger is append-only'); END;
