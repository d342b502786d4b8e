-- 010_frontdesk: price plans, holidays, packages' terms, role limits, reservations, stays,
-- ordered items, room states, approvals and idempotency keys (the front desk, issue 3).

-- A price plan of a room type, in force from a business day on. The plan of a stay is the one
-- with the latest effective_from on or before the stay's business day; a price change is a new
-- plan, so a past bill is never re-priced.
CREATE TABLE price_plans (
    id             INTEGER PRIMARY KEY,
    venue_id       INTEGER NOT NULL REFERENCES venue(id),
    room_type_id   INTEGER NOT NULL REFERENCES room_types(id),
    name           TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL,
    unit_min       INTEGER NOT NULL CHECK (unit_min BETWEEN 1 AND 240),
    grace_min      INTEGER NOT NULL CHECK (grace_min BETWEEN 0 AND 120),
    created_at     INTEGER NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    UNIQUE (room_type_id, effective_from)
) STRICT;

-- Slots: a mask of business weekdays (bit 0 Sunday ... bit 6 Saturday, bit 7 listed holidays)
-- and a local clock window [start_min, end_min) that never wraps past midnight.
CREATE TABLE price_slots (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES price_plans(id),
    name            TEXT NOT NULL,
    days            INTEGER NOT NULL CHECK (days BETWEEN 1 AND 255),
    start_min       INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
    end_min         INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440),
    hour_fen        INTEGER NOT NULL CHECK (hour_fen >= 0),
    member_hour_fen INTEGER NOT NULL DEFAULT 0 CHECK (member_hour_fen >= 0),
    min_spend_fen   INTEGER NOT NULL DEFAULT 0 CHECK (min_spend_fen >= 0),
    CHECK (start_min < end_min)
) STRICT;
CREATE INDEX price_slots_plan ON price_slots(plan_id);

CREATE TABLE holidays (
    venue_id INTEGER NOT NULL REFERENCES venue(id),
    day      TEXT NOT NULL,
    name     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (venue_id, day)
) STRICT;

-- What a package (套餐) sells besides its items: included minutes, or a buy-out (买断) until a
-- clock time; when it may be opened; for which room type (NULL: any).
CREATE TABLE package_terms (
    package_id       INTEGER PRIMARY KEY REFERENCES packages(id),
    room_type_id     INTEGER REFERENCES room_types(id),
    included_minutes INTEGER NOT NULL DEFAULT 0 CHECK (included_minutes >= 0),
    buyout           INTEGER NOT NULL DEFAULT 0 CHECK (buyout IN (0,1)),
    buyout_until_min INTEGER NOT NULL DEFAULT 360 CHECK (buyout_until_min BETWEEN 0 AND 1439),
    days             INTEGER NOT NULL DEFAULT 127 CHECK (days BETWEEN 1 AND 255),
    start_min        INTEGER NOT NULL DEFAULT 0 CHECK (start_min BETWEEN 0 AND 1439),
    end_min          INTEGER NOT NULL DEFAULT 1440 CHECK (end_min BETWEEN 1 AND 1440),
    effective_from   TEXT NOT NULL DEFAULT '2000-01-01',
    effective_to     TEXT NOT NULL DEFAULT '9999-12-31'
) STRICT;

-- The authority matrix: what a role may give without a manager (per bill), and the largest
-- void or refund it may approve (0: it may not approve them).
CREATE TABLE role_limits (
    role              TEXT PRIMARY KEY,
    gift_limit_fen    INTEGER NOT NULL DEFAULT 0 CHECK (gift_limit_fen >= 0),
    discount_limit_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_limit_bp BETWEEN 0 AND 10000),
    discount_limit_fen INTEGER NOT NULL DEFAULT 0 CHECK (discount_limit_fen >= 0),
    refund_limit_fen  INTEGER NOT NULL DEFAULT 0 CHECK (refund_limit_fen >= 0)
) STRICT;
INSERT INTO role_limits(role, gift_limit_fen, discount_limit_bp, discount_limit_fen,
                        refund_limit_fen) VALUES
 ('admin', 100000000, 10000, 100000000, 1000000000000), ('manager', 100000, 5000, 100000, 10000000),
 ('finance', 0, 0, 0, 0), ('cashier', 5000, 500, 2000, 0), ('staff', 0, 0, 0, 0);

-- Room state besides stays and reservations: to be cleaned, out of service.
CREATE TABLE room_states (
    room_id INTEGER PRIMARY KEY REFERENCES rooms(id),
    state   TEXT NOT NULL CHECK (state IN ('free','cleaning','out_of_service')),
    since   INTEGER NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    by_user TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE reservations (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    room_id     INTEGER NOT NULL REFERENCES rooms(id),
    guest_name  TEXT NOT NULL DEFAULT '',
    guest_phone TEXT NOT NULL DEFAULT '',
    guests      INTEGER NOT NULL DEFAULT 0 CHECK (guests BETWEEN 0 AND 500),
    booker      TEXT NOT NULL DEFAULT '',
    arrive_at   INTEGER NOT NULL,
    hold_until  INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('held','arrived','cancelled','expired')),
    stay_id     INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    CHECK (hold_until >= arrive_at)
) STRICT;
CREATE INDEX reservations_room ON reservations(room_id, status);

-- A stay: a room in use, from open to checkout. version guards concurrent tills.
CREATE TABLE stays (
    id           INTEGER PRIMARY KEY,
    venue_id     INTEGER NOT NULL REFERENCES venue(id),
    room_id      INTEGER NOT NULL REFERENCES rooms(id),
    opened_at    INTEGER NOT NULL,
    closed_at    INTEGER,
    guests       INTEGER NOT NULL DEFAULT 0 CHECK (guests BETWEEN 0 AND 500),
    booker       TEXT NOT NULL DEFAULT '',
    member_phone TEXT NOT NULL DEFAULT '',
    package_id   INTEGER REFERENCES packages(id),
    status       TEXT NOT NULL CHECK (status IN ('open','checked_out','cancelled')),
    opened_by    TEXT NOT NULL DEFAULT '',
    closed_by    TEXT NOT NULL DEFAULT '',
    bill_id      INTEGER REFERENCES bills(id),
    reservation_id INTEGER REFERENCES reservations(id),
    -- Booked length (预订时长) for the board's countdown; 0 = open-ended. Pricing ignores it.
    planned_minutes INTEGER NOT NULL DEFAULT 0 CHECK (planned_minutes BETWEEN 0 AND 2880),
    note         TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1
) STRICT;
-- At most one open stay per room: the database itself refuses a second.
CREATE UNIQUE INDEX stays_one_open_per_room ON stays(room_id) WHERE status = 'open';
CREATE INDEX stays_venue_status ON stays(venue_id, status);

-- Room segments of a stay (a change of room starts a new segment).
CREATE TABLE stay_rooms (
    id        INTEGER PRIMARY KEY,
    stay_id   INTEGER NOT NULL REFERENCES stays(id),
    room_id   INTEGER NOT NULL REFERENCES rooms(id),
    from_at   INTEGER NOT NULL,
    to_at     INTEGER
) STRICT;
CREATE INDEX stay_rooms_stay ON stay_rooms(stay_id);

-- Packages sold on a stay (at opening, or a second one to extend, 续钟), with their terms as
-- they were when sold: a later change of the package never re-prices an open stay.
CREATE TABLE stay_packages (
    id               INTEGER PRIMARY KEY,
    stay_id          INTEGER NOT NULL REFERENCES stays(id),
    package_id       INTEGER NOT NULL REFERENCES packages(id),
    name             TEXT NOT NULL,
    price_fen        INTEGER NOT NULL CHECK (price_fen >= 0),
    included_minutes INTEGER NOT NULL CHECK (included_minutes >= 0),
    buyout           INTEGER NOT NULL DEFAULT 0 CHECK (buyout IN (0,1)),
    buyout_until_min INTEGER NOT NULL DEFAULT 360 CHECK (buyout_until_min BETWEEN 0 AND 1439),
    at               INTEGER NOT NULL,
    by_user          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX stay_packages_stay ON stay_packages(stay_id);

-- Goods ordered onto a stay; a return is a new row with a negative quantity (append-only)
-- that names the row it returns (return_of). A gift (赠送) has unit price 0 and names its
-- approver. A package's goods have package_id set and unit price 0; choice_group records the
-- guest's choice in a group ("8 bottles of A or 6 of B") when it was made.
CREATE TABLE stay_items (
    id             INTEGER PRIMARY KEY,
    stay_id        INTEGER NOT NULL REFERENCES stays(id),
    product_id     INTEGER NOT NULL REFERENCES products(id),
    item           TEXT NOT NULL,
    qty            INTEGER NOT NULL CHECK (qty <> 0),
    unit_fen       INTEGER NOT NULL CHECK (unit_fen >= 0),
    list_fen       INTEGER NOT NULL CHECK (list_fen >= 0),
    gift           INTEGER NOT NULL DEFAULT 0 CHECK (gift IN (0,1)),
    approved_by    TEXT NOT NULL DEFAULT '',
    package_id     INTEGER REFERENCES packages(id),
    choice_group   TEXT NOT NULL DEFAULT '',
    return_of      INTEGER REFERENCES stay_items(id),
    at             INTEGER NOT NULL,
    by_user        TEXT NOT NULL DEFAULT '',
    CHECK ((qty < 0) = (return_of IS NOT NULL))
) STRICT;
CREATE INDEX stay_items_stay ON stay_items(stay_id);
CREATE INDEX stay_items_return_of ON stay_items(return_of);
CREATE TRIGGER stay_items_no_update BEFORE UPDATE ON stay_items
BEGIN SELECT RAISE(ABORT, 'ordered items are never edited; return them'); END;
CREATE TRIGGER stay_items_no_delete BEFORE DELETE ON stay_items
BEGIN SELECT RAISE(ABORT, 'ordered items are never deleted; return them'); END;

-- Goods leaving the bar (issue 3 item 7): one row per product per settled bill, packages
-- expanded into their items, so the stock ledger can post sale moves without reinterpreting.
CREATE TABLE consumption (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    bill_id     INTEGER NOT NULL REFERENCES bills(id),
    product_id  INTEGER NOT NULL REFERENCES products(id),
    qty         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('sale','gift','package','return')),
    location    TEXT NOT NULL DEFAULT 'bar',
    business_day TEXT NOT NULL,
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX consumption_day ON consumption(venue_id, business_day);
CREATE INDEX consumption_bill ON consumption(bill_id);
CREATE TRIGGER consumption_no_update BEFORE UPDATE ON consumption
BEGIN SELECT RAISE(ABORT, 'consumption records are never edited'); END;

-- The discounts of a front-desk bill, itemised: bills.discount_fen is their sum. The rounding
-- down to the yuan (抹零) is one of them, never a silent change of the total (case R4).
CREATE TABLE bill_discounts (
    id          INTEGER PRIMARY KEY,
    bill_id     INTEGER NOT NULL REFERENCES bills(id),
    kind        TEXT NOT NULL CHECK (kind IN ('member','percent','coupon','fixed','rounding')),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    rate_bp     INTEGER NOT NULL DEFAULT 0,
    code        TEXT NOT NULL DEFAULT '',   -- coupon code
    reason      TEXT NOT NULL DEFAULT '',
    approved_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX bill_discounts_bill ON bill_discounts(bill_id);
CREATE TRIGGER bill_discounts_no_update BEFORE UPDATE ON bill_discounts
BEGIN SELECT RAISE(ABORT, 'bill discounts are never edited'); END;

-- Decisions that need a second person (discount or gift over the limit, void, refund):
-- who asked, who approved, when, for how much.
CREATE TABLE approvals (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    kind        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL DEFAULT 0,
    requested_by TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
) STRICT;

-- Writes from tills carry a key; a retry with the same key gets the first answer back.
CREATE TABLE idempotency_keys (
    venue_id     INTEGER NOT NULL,
    key          TEXT NOT NULL,
    endpoint     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    response     TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (venue_id, key)
) STRICT;

-- Payments learn which shift took them and how (tendered and change for cash, the voucher's
-- platform and code, the credit account).
ALTER TABLE bill_payments ADD COLUMN shift_id INTEGER;
ALTER TABLE bill_payments ADD COLUMN tendered_fen INTEGER;
ALTER TABLE bill_payments ADD COLUMN change_fen INTEGER;
ALTER TABLE bill_payments ADD COLUMN platform TEXT NOT NULL DEFAULT '';
ALTER TABLE bill_payments ADD COLUMN reference TEXT NOT NULL DEFAULT '';
CREATE INDEX bill_payments_shift ON bill_payments(shift_id);

-- Voids and refunds are their own records; a settled bill row is never edited.
CREATE TABLE bill_voids (
    bill_id     INTEGER PRIMARY KEY REFERENCES bills(id),
    at          INTEGER NOT NULL,
    business_day TEXT NOT NULL,
    shift_id    INTEGER,
    reason      TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    by_user     TEXT NOT NULL
) STRICT;

CREATE TABLE refunds (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    bill_id     INTEGER NOT NULL REFERENCES bills(id),
    at          INTEGER NOT NULL,
    business_day TEXT NOT NULL,
    shift_id    INTEGER,
    method      TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    reason      TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'refund' CHECK (kind IN ('refund','void')),
    payment_seq INTEGER,                       -- the tender (bill_payments.seq) given back
    reference   TEXT NOT NULL DEFAULT ''       -- refund slip, transaction number
) STRICT;
CREATE INDEX refunds_bill ON refunds(bill_id);
CREATE INDEX refunds_shift ON refunds(shift_id);
CREATE TRIGGER refunds_no_update BEFORE UPDATE ON refunds
BEGIN SELECT RAISE(ABORT, 'refunds are never edited'); END;
CREATE TRIGGER bill_voids_no_update BEFORE UPDATE ON bill_voids
BEGIN SELECT RAISE(ABORT, 'voids are never edited'); END;
CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds
BEGIN SELECT RAISE(ABORT, 'refunds are never deleted'); END;
CREATE TRIGGER bill_voids_no_delete BEFORE DELETE ON bill_voids
BEGIN SELECT RAISE(ABORT, 'voids are never deleted'); END;

-- For the reports. A front-desk void never updates the bill row (status stays 'settled'):
-- bills_current gives every bill its status as of now, with the void's day and shift.
CREATE VIEW bills_current AS
SELECT b.*,
       CASE WHEN v.bill_id IS NULL THEN b.status ELSE 'voided' END AS current_status,
       v.at AS voided_at, v.business_day AS voided_day, v.shift_id AS voided_shift_id
FROM bills b LEFT JOIN bill_voids v ON v.bill_id = b.id;

-- Every movement of money of a bill, signed: payments (+) on the bill's business day and in
-- the shift that took them; refunds and voids (-) on the day and in the shift they happened.
-- Takings and shift reports that sum this view see voids and refunds where they happened.
CREATE VIEW bill_money_flows AS
SELECT b.venue_id, p.bill_id, 'payment' AS kind, p.method, p.amount_fen, p.shift_id,
       b.business_day, b.closed_at AS at, p.seq AS payment_seq
FROM bill_payments p JOIN bills b ON b.id = p.bill_id
UNION ALL
SELECT r.venue_id, r.bill_id, r.kind, r.method, -r.amount_fen, r.shift_id,
       r.business_day, r.at, r.payment_seq
FROM refunds r;
