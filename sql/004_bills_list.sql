-- 004_bills_list: per business day and status, the number of bills and their total, kept by
-- triggers so that every writer (import, front desk, demo, a later void) keeps it right.
-- The bill list answers each page with the count and the settled sum of everything its filter
-- matches; over a million bills that sum read the whole table (a second a request). Filtered by
-- business days and status only (the list's usual filters), it reads a row a day here instead.
CREATE TABLE bill_day_totals (
    venue_id     INTEGER NOT NULL,
    business_day TEXT NOT NULL,
    status       TEXT NOT NULL,
    bills        INTEGER NOT NULL,
    total_fen    INTEGER NOT NULL,
    PRIMARY KEY (venue_id, business_day, status)
) STRICT, WITHOUT ROWID;

INSERT INTO bill_day_totals(venue_id, business_day, status, bills, total_fen)
SELECT venue_id, business_day, status, count(*), sum(total_fen) FROM bills
GROUP BY venue_id, business_day, status;

CREATE TRIGGER bill_day_totals_insert AFTER INSERT ON bills
BEGIN
    INSERT INTO bill_day_totals(venue_id, business_day, status, bills, total_fen)
    VALUES (NEW.venue_id, NEW.business_day, NEW.status, 1, NEW.total_fen)
    ON CONFLICT(venue_id, business_day, status)
    DO UPDATE SET bills = bills + 1, total_fen = total_fen + excluded.total_fen;
END;

CREATE TRIGGER bill_day_totals_update
AFTER UPDATE OF venue_id, business_day, status, total_fen ON bills
BEGIN
    UPDATE bill_day_totals SET bills = bills - 1, total_fen = total_fen - OLD.total_fen
    WHERE venue_id = OLD.venue_id AND business_day = OLD.business_day AND status = OLD.status;
    INSERT INTO bill_day_totals(venue_id, business_day, status, bills, total_fen)
    VALUES (NEW.venue_id, NEW.business_day, NEW.status, 1, NEW.total_fen)
    ON CONFLICT(venue_id, business_day, status)
    DO UPDATE SET bills = bills + 1, total_fen = total_fen + excluded.total_fen;
END;

-- Payments are found by bill through UNIQUE (bill_id, seq) already; the second index on bill_id
-- only cost every import and checkout an extra index write per payment.
DROP INDEX bill_payments_bill;
