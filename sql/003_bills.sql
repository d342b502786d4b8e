-- 003_bills: settled and voided bills with their lines and payments.
-- A bill is written once when it is settled (or imported) and never edited; business_day is the
-- venue's business day of closed_at, computed by the core rule (bizday.c) when written.

CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    kind        TEXT NOT NULL,
    files       TEXT NOT NULL DEFAULT '',
    user_id     INTEGER,
    username    TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    rows_read   INTEGER NOT NULL DEFAULT 0,
    imported    INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    report      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE bills (
    id             INTEGER PRIMARY KEY,
    venue_id       INTEGER NOT NULL REFERENCES venue(id),
    bill_no        TEXT NOT NULL CHECK (length(bill_no) BETWEEN 1 AND 40),
    room_id        INTEGER REFERENCES rooms(id),
    room_no        TEXT NOT NULL DEFAULT '',
    room_type      TEXT NOT NULL DEFAULT '',
    opened_at      INTEGER NOT NULL,
    closed_at      INTEGER NOT NULL,
    business_day   TEXT NOT NULL,
    open_hour      INTEGER NOT NULL CHECK (open_hour BETWEEN 0 AND 23),
    status         TEXT NOT NULL CHECK (status IN ('settled','voided')),
    cashier        TEXT NOT NULL DEFAULT '',
    member_phone   TEXT NOT NULL DEFAULT '',
    booker         TEXT NOT NULL DEFAULT '',
    gross_fen      INTEGER NOT NULL,
    discount_fen   INTEGER NOT NULL DEFAULT 0,
    service_fen    INTEGER NOT NULL DEFAULT 0,
    total_fen      INTEGER NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT 'import' CHECK (source IN ('import','pos','demo')),
    import_batch_id INTEGER REFERENCES import_batches(id),
    created_at     INTEGER NOT NULL,
    UNIQUE (venue_id, bill_no),
    CHECK (total_fen = gross_fen - discount_fen + service_fen)
) STRICT;
CREATE INDEX bills_day ON bills(venue_id, business_day);
CREATE INDEX bills_room ON bills(venue_id, room_no);

CREATE TABLE bill_lines (
    id             INTEGER PRIMARY KEY,
    bill_id        INTEGER NOT NULL REFERENCES bills(id),
    line_no        INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('room','package','goods','min_spend','service','other')),
    item           TEXT NOT NULL,
    product_id     INTEGER REFERENCES products(id),
    package_id     INTEGER REFERENCES packages(id),
    qty            INTEGER NOT NULL,
    unit_price_fen INTEGER,
    amount_fen     INTEGER,
    UNIQUE (bill_id, line_no)
) STRICT;
CREATE INDEX bill_lines_product ON bill_lines(product_id);

CREATE TABLE bill_payments (
    id         INTEGER PRIMARY KEY,
    bill_id    INTEGER NOT NULL REFERENCES bills(id),
    seq        INTEGER NOT NULL,
    method     TEXT NOT NULL CHECK (method IN ('cash','wechat','alipay','card','member','voucher',
                                                'credit','mixed','other')),
    amount_fen INTEGER NOT NULL,
    UNIQUE (bill_id, seq)
) STRICT;
CREATE INDEX bill_payments_bill ON bill_payments(bill_id);

-- Settled bills are never edited: corrections are voids and refunds (their own records, issue 3).
CREATE TRIGGER bills_no_delete BEFORE DELETE ON bills
BEGIN SELECT RAISE(ABORT, 'bills are never deleted'); END;
CREATE TRIGGER bill_lines_no_update BEFORE UPDATE ON bill_lines
BEGIN SELECT RAISE(ABORT, 'bill lines are never edited'); END;
CREATE TRIGGER bill_payments_no_update BEFORE UPDATE ON bill_payments
BEGIN SELECT RAISE(ABORT, 'payments are never edited'); END;
