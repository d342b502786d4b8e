-- 005_report_totals: what the takings and sales reports sum, kept per business day by triggers.
--
-- The reports used to join every bill of the range to its payments and lines (an index seek per
-- bill: 3-6 s of CPU for the takings and 5-25 s for the sales of a year of 1,000,000 bills).
-- These three tables hold the same sums grouped by the keys the reports group by, so a year is
-- read as a few tens of thousands of rows. Triggers keep them, so every writer (import, front
-- desk, demo) stays right without knowing of them; existing bills are summed once below.
--
-- Front-desk voids and refunds are not folded in: the bill row stays 'settled' and the reports
-- read the small tables bill_voids and refunds on the day they happened, as before.

-- Bills per business day, status, cashier, room type, local opening hour and whether the stay
-- crossed local midnight. crosses is computed from the stored open_hour (local, written by
-- bill_insert_header): with a zone whose offset is a whole number of hours, the local
-- second-of-day of opening is open_hour * 3600 + opened_at % 3600, so the stay reaches the next
-- local day when open_hour + (opened_at % 3600 + closed_at - opened_at) / 3600 >= 24 (a negative
-- duration never crosses either way). reports/store.c uses it only for such zones.
CREATE TABLE bill_report_totals (
    venue_id     INTEGER NOT NULL,
    business_day TEXT NOT NULL,
    status       TEXT NOT NULL,
    cashier      TEXT NOT NULL,
    room_type    TEXT NOT NULL,
    open_hour    INTEGER NOT NULL,
    crosses      INTEGER NOT NULL,
    bills        INTEGER NOT NULL,
    gross_fen    INTEGER NOT NULL,
    discount_fen INTEGER NOT NULL,
    service_fen  INTEGER NOT NULL,
    total_fen    INTEGER NOT NULL,
    PRIMARY KEY (venue_id, business_day, status, cashier, room_type, open_hour, crosses)
) STRICT, WITHOUT ROWID;

-- Payments per business day, status and cashier of their bill, and method. bills and
-- bills_total_fen count a bill once per method however many payments it made with it (the
-- bill list's count when filtered by method).
CREATE TABLE bill_payment_totals (
    venue_id        INTEGER NOT NULL,
    business_day    TEXT NOT NULL,
    status          TEXT NOT NULL,
    cashier         TEXT NOT NULL,
    method          TEXT NOT NULL,
    payments        INTEGER NOT NULL,
    amount_fen      INTEGER NOT NULL,
    bills           INTEGER NOT NULL,
    bills_total_fen INTEGER NOT NULL,
    PRIMARY KEY (venue_id, business_day, status, cashier, method)
) STRICT, WITHOUT ROWID;

-- Goods and package lines per business day and status of their bill, kind and item: quantity,
-- revenue where the line kept its amount or unit price, and how many lines were priced.
CREATE TABLE bill_item_totals (
    venue_id     INTEGER NOT NULL,
    business_day TEXT NOT NULL,
    status       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    item         TEXT NOT NULL,
    qty          INTEGER NOT NULL,
    revenue_fen  INTEGER NOT NULL,
    lines        INTEGER NOT NULL,
    priced_lines INTEGER NOT NULL,
    PRIMARY KEY (venue_id, business_day, status, kind, item)
) STRICT, WITHOUT ROWID;

-- ---- the bills already stored ----

INSERT INTO bill_report_totals(venue_id, business_day, status, cashier, room_type, open_hour,
                               crosses, bills, gross_fen, discount_fen, service_fen, total_fen)
SELECT venue_id, business_day, status, cashier, room_type, open_hour,
       CASE WHEN open_hour + (opened_at % 3600 + closed_at - opened_at) / 3600 >= 24
            THEN 1 ELSE 0 END,
       count(*), sum(gross_fen), sum(discount_fen), sum(service_fen), sum(total_fen)
FROM bills
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO bill_payment_totals(venue_id, business_day, status, cashier, method, payments,
                                amount_fen, bills, bills_total_fen)
SELECT b.venue_id, b.business_day, b.status, b.cashier, m.method, sum(m.payments),
       sum(m.amount_fen), count(*), sum(b.total_fen)
FROM (SELECT bill_id, method, count(*) AS payments, sum(amount_fen) AS amount_fen
      FROM bill_payments GROUP BY bill_id, method) m
JOIN bills b ON b.id = m.bill_id
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO bill_item_totals(venue_id, business_day, status, kind, item, qty, revenue_fen, lines,
                             priced_lines)
SELECT b.venue_id, b.business_day, b.status, l.kind, l.item, sum(l.qty),
       coalesce(sum(coalesce(l.amount_fen, l.qty * l.unit_price_fen)), 0), count(*),
       count(coalesce(l.amount_fen, l.qty * l.unit_price_fen))
FROM bill_lines l JOIN bills b ON b.id = l.bill_id
WHERE l.kind IN ('goods', 'package')
GROUP BY 1, 2, 3, 4, 5;

-- ---- kept by triggers from now on ----

CREATE TRIGGER bill_report_totals_insert AFTER INSERT ON bills
BEGIN
    INSERT INTO bill_report_totals(venue_id, business_day, status, cashier, room_type, open_hour,
                                   crosses, bills, gross_fen, discount_fen, service_fen,
                                   total_fen)
    VALUES (NEW.venue_id, NEW.business_day, NEW.status, NEW.cashier, NEW.room_type,
            NEW.open_hour,
            CASE WHEN NEW.open_hour + (NEW.opened_at % 3600 + NEW.closed_at - NEW.opened_at)
                      / 3600 >= 24 THEN 1 ELSE 0 END,
            1, NEW.gross_fen, NEW.discount_fen, NEW.service_fen, NEW.total_fen)
    ON CONFLICT(venue_id, business_day, status, cashier, room_type, open_hour, crosses)
    DO UPDATE SET bills = bills + 1, gross_fen = gross_fen + excluded.gross_fen,
                  discount_fen = discount_fen + excluded.discount_fen,
                  service_fen = service_fen + excluded.service_fen,
                  total_fen = total_fen + excluded.total_fen;
END;

-- The first payment of a bill with a method counts the bill for that method. The bill row is
-- found by its id (the primary key), written just before its payments.
CREATE TRIGGER bill_payment_totals_insert AFTER INSERT ON bill_payments
BEGIN
    INSERT INTO bill_payment_totals(venue_id, business_day, status, cashier, method, payments,
                                    amount_fen, bills, bills_total_fen)
    SELECT b.venue_id, b.business_day, b.status, b.cashier, NEW.method, 1, NEW.amount_fen,
           f.first, f.first * b.total_fen
    FROM bills b,
         (SELECT CASE WHEN EXISTS (SELECT 1 FROM bill_payments q WHERE q.bill_id = NEW.bill_id
                                   AND q.method = NEW.method AND q.seq <> NEW.seq)
                      THEN 0 ELSE 1 END AS first) f
    WHERE b.id = NEW.bill_id
    ON CONFLICT(venue_id, business_day, status, cashier, method)
    DO UPDATE SET payments = payments + 1, amount_fen = amount_fen + excluded.amount_fen,
                  bills = bills + excluded.bills,
                  bills_total_fen = bills_total_fen + excluded.bills_total_fen;
END;

CREATE TRIGGER bill_item_totals_insert AFTER INSERT ON bill_lines
WHEN NEW.kind IN ('goods', 'package')
BEGIN
    INSERT INTO bill_item_totals(venue_id, business_day, status, kind, item, qty, revenue_fen,
                                 lines, priced_lines)
    SELECT b.venue_id, b.business_day, b.status, NEW.kind, NEW.item, NEW.qty,
           coalesce(NEW.amount_fen, NEW.qty * NEW.unit_price_fen, 0), 1,
           CASE WHEN coalesce(NEW.amount_fen, NEW.qty * NEW.unit_price_fen) IS NULL
                THEN 0 ELSE 1 END
    FROM bills b WHERE b.id = NEW.bill_id
    ON CONFLICT(venue_id, business_day, status, kind, item)
    DO UPDATE SET qty = qty + excluded.qty, revenue_fen = revenue_fen + excluded.revenue_fen,
                  lines = lines + excluded.lines,
                  priced_lines = priced_lines + excluded.priced_lines;
END;

-- Bills are written once and never edited (sql/003), but bill_day_totals follows an update of
-- a bill's keys, so these do too: the bill's sums move from its old keys to its new ones, and a
-- row left with nothing is removed so that no report shows an empty group.
CREATE TRIGGER bill_report_totals_update
AFTER UPDATE OF venue_id, business_day, status, cashier, room_type, open_hour, opened_at,
                closed_at, gross_fen, discount_fen, service_fen, total_fen ON bills
BEGIN
    UPDATE bill_report_totals
    SET bills = bills - 1, gross_fen = gross_fen - OLD.gross_fen,
        discount_fen = discount_fen - OLD.discount_fen,
        service_fen = service_fen - OLD.service_fen, total_fen = total_fen - OLD.total_fen
    WHERE venue_id = OLD.venue_id AND business_day = OLD.business_day AND status = OLD.status
      AND cashier = OLD.cashier AND room_type = OLD.room_type AND open_hour = OLD.open_hour
      AND crosses = CASE WHEN OLD.open_hour + (OLD.opened_at % 3600 + OLD.closed_at
                                               - OLD.opened_at) / 3600 >= 24 THEN 1 ELSE 0 END;
    DELETE FROM bill_report_totals WHERE bills = 0 AND venue_id = OLD.venue_id
      AND business_day = OLD.business_day;
    INSERT INTO bill_report_totals(venue_id, business_day, status, cashier, room_type, open_hour,
                                   crosses, bills, gross_fen, discount_fen, service_fen,
                                   total_fen)
    VALUES (NEW.venue_id, NEW.business_day, NEW.status, NEW.cashier, NEW.room_type,
            NEW.open_hour,
            CASE WHEN NEW.open_hour + (NEW.opened_at % 3600 + NEW.closed_at - NEW.opened_at)
                      / 3600 >= 24 THEN 1 ELSE 0 END,
            1, NEW.gross_fen, NEW.discount_fen, NEW.service_fen, NEW.total_fen)
    ON CONFLICT(venue_id, business_day, status, cashier, room_type, open_hour, crosses)
    DO UPDATE SET bills = bills + 1, gross_fen = gross_fen + excluded.gross_fen,
                  discount_fen = discount_fen + excluded.discount_fen,
                  service_fen = service_fen + excluded.service_fen,
                  total_fen = total_fen + excluded.total_fen;
END;

CREATE TRIGGER bill_payment_totals_update
AFTER UPDATE OF venue_id, business_day, status, cashier, total_fen ON bills
BEGIN
    INSERT INTO bill_payment_totals(venue_id, business_day, status, cashier, method, payments,
                                    amount_fen, bills, bills_total_fen)
    SELECT OLD.venue_id, OLD.business_day, OLD.status, OLD.cashier, p.method, -count(*),
           -sum(p.amount_fen), -1, -OLD.total_fen
    FROM bill_payments p WHERE p.bill_id = OLD.id GROUP BY p.method
    ON CONFLICT(venue_id, business_day, status, cashier, method)
    DO UPDATE SET payments = payments + excluded.payments,
                  amount_fen = amount_fen + excluded.amount_fen,
                  bills = bills + excluded.bills,
                  bills_total_fen = bills_total_fen + excluded.bills_total_fen;
    DELETE FROM bill_payment_totals WHERE payments = 0 AND venue_id = OLD.venue_id
      AND business_day = OLD.business_day;
    INSERT INTO bill_payment_totals(venue_id, business_day, status, cashier, method, payments,
                                    amount_fen, bills, bills_total_fen)
    SELECT NEW.venue_id, NEW.business_day, NEW.status, NEW.cashier, p.method, count(*),
           sum(p.amount_fen), 1, NEW.total_fen
    FROM bill_payments p WHERE p.bill_id = NEW.id GROUP BY p.method
    ON CONFLICT(venue_id, business_day, status, cashier, method)
    DO UPDATE SET payments = payments + excluded.payments,
                  amount_fen = amount_fen + excluded.amount_fen,
                  bills = bills + excluded.bills,
                  bills_total_fen = bills_total_fen + excluded.bills_total_fen;
END;

CREATE TRIGGER bill_item_totals_update
AFTER UPDATE OF venue_id, business_day, status ON bills
BEGIN
    INSERT INTO bill_item_totals(venue_id, business_day, status, kind, item, qty, revenue_fen,
                                 lines, priced_lines)
    SELECT OLD.venue_id, OLD.business_day, OLD.status, l.kind, l.item, -sum(l.qty),
           -coalesce(sum(coalesce(l.amount_fen, l.qty * l.unit_price_fen)), 0), -count(*),
           -count(coalesce(l.amount_fen, l.qty * l.unit_price_fen))
    FROM bill_lines l WHERE l.bill_id = OLD.id AND l.kind IN ('goods', 'package')
    GROUP BY l.kind, l.item
    ON CONFLICT(venue_id, business_day, status, kind, item)
    DO UPDATE SET qty = qty + excluded.qty, revenue_fen = revenue_fen + excluded.revenue_fen,
                  lines = lines + excluded.lines,
                  priced_lines = priced_lines + excluded.priced_lines;
    DELETE FROM bill_item_totals WHERE lines = 0 AND venue_id = OLD.venue_id
      AND business_day = OLD.business_day;
    INSERT INTO bill_item_totals(venue_id, business_day, status, kind, item, qty, revenue_fen,
                                 lines, priced_lines)
    SELECT NEW.venue_id, NEW.business_day, NEW.status, l.kind, l.item, sum(l.qty),
           coalesce(sum(coalesce(l.amount_fen, l.qty * l.unit_price_fen)), 0), count(*),
           count(coalesce(l.amount_fen, l.qty * l.unit_price_fen))
    FROM bill_lines l WHERE l.bill_id = NEW.id AND l.kind IN ('goods', 'package')
    GROUP BY l.kind, l.item
    ON CONFLICT(venue_id, business_day, status, kind, item)
    DO UPDATE SET qty = qty + excluded.qty, revenue_fen = revenue_fen + excluded.revenue_fen,
                  lines = lines + excluded.lines,
                  priced_lines = priced_lines + excluded.priced_lines;
END;

-- The bill list pages in time order (business day, then closing time, then id). With closed_at
-- in the index as well, a page of the newest bills is read from the index in order and stops
-- after the page, instead of sorting a whole day; the old two-column index is its prefix.
DROP INDEX bills_day;
CREATE INDEX bills_day ON bills(venue_id, business_day, closed_at);

-- The bill list counts a room's bills of a range of days through this index (sales/store.c).
DROP INDEX bills_room;
CREATE INDEX bills_room ON bills(venue_id, room_no, business_day);
