-- 022_petty_cash: the petty-cash fund (备用金) of each venue and every movement of it.
--
-- The imprest system: cash on hand + outstanding issues + receipted-not-replenished = imprest.
-- Each movement carries its signed effect on those four figures, so the fund's state is the sum
-- of its movements (never a number kept by hand), and each movement balances on its own:
-- d_cash + d_outstanding + d_receipted = d_imprest. src/finance/petty.c decides the effects;
-- every movement posts one journal entry (source_kind 'petty', source_id = the movement's id).

CREATE TABLE petty_funds (
    id                  INTEGER PRIMARY KEY,
    venue_id            INTEGER NOT NULL UNIQUE REFERENCES venue(id),   -- one fund per venue
    -- The imprest (定额) as the movements left it; the store checks it against their sum.
    imprest_fen         INTEGER NOT NULL DEFAULT 0
                        CHECK (imprest_fen BETWEEN 0 AND 1000000000000000),
    custodian           TEXT NOT NULL DEFAULT '',       -- 保管人
    -- An issue above this needs a manager's approval (2,000.00 by default).
    approval_limit_fen  INTEGER NOT NULL DEFAULT 200000
                        CHECK (approval_limit_fen BETWEEN 0 AND 1000000000000000),
    -- closed: the imprest was brought down to 0 (raising it again reopens the fund).
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    updated_by          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER petty_funds_no_delete BEFORE DELETE ON petty_funds
BEGIN SELECT RAISE(ABORT, 'a petty-cash fund is never deleted'); END;
CREATE TRIGGER petty_funds_fixed BEFORE UPDATE ON petty_funds
WHEN NEW.venue_id IS NOT OLD.venue_id OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'a petty-cash fund keeps its venue'); END;

CREATE TABLE petty_movements (
    id              INTEGER PRIMARY KEY,
    venue_id        INTEGER NOT NULL REFERENCES venue(id),
    fund_id         INTEGER NOT NULL REFERENCES petty_funds(id),
    kind            TEXT NOT NULL CHECK (kind IN ('establish','adjust','issue','return',
                        'reimburse','settle','expense','replenish')),
    day             TEXT NOT NULL CHECK (length(day) = 10),   -- business day YYYY-MM-DD
    at              INTEGER NOT NULL,                         -- UTC epoch seconds
    -- return / reimburse / settle: the issue it settles (an issue of the same fund).
    issue_id        INTEGER REFERENCES petty_movements(id),
    person          TEXT NOT NULL DEFAULT '',                 -- who took or brought the money
    person_user_id  INTEGER REFERENCES users(id),
    purpose         TEXT NOT NULL DEFAULT '',
    -- establish/adjust: the new imprest; issue: issued; settle kinds: change + receipts;
    -- expense: the receipts; replenish: put back.
    amount_fen      INTEGER NOT NULL CHECK (amount_fen BETWEEN 0 AND 1000000000000000),
    returned_fen    INTEGER NOT NULL DEFAULT 0 CHECK (returned_fen >= 0),
    receipted_fen   INTEGER NOT NULL DEFAULT 0 CHECK (receipted_fen >= 0),
    paid_out_fen    INTEGER NOT NULL DEFAULT 0 CHECK (paid_out_fen >= 0),   -- 补付
    d_imprest       INTEGER NOT NULL,
    d_cash          INTEGER NOT NULL,
    d_outstanding   INTEGER NOT NULL,
    d_receipted     INTEGER NOT NULL,
    source          TEXT NOT NULL DEFAULT '' CHECK (source IN ('','safe','bank')),
    approved_by     TEXT NOT NULL DEFAULT '',
    by_user         TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    CHECK (d_cash + d_outstanding + d_receipted = d_imprest),
    CHECK ((issue_id IS NOT NULL) = (kind IN ('return','reimburse','settle'))),
    CHECK (kind <> 'issue' OR (person <> '' AND d_outstanding = amount_fen AND amount_fen > 0)),
    CHECK (kind NOT IN ('establish','adjust','replenish') OR source <> '')
) STRICT;
CREATE INDEX petty_movements_day ON petty_movements(venue_id, day, id);
CREATE INDEX petty_movements_issue ON petty_movements(issue_id) WHERE issue_id IS NOT NULL;
CREATE INDEX petty_movements_person ON petty_movements(venue_id, person, day);
-- Every movement is logged and stands: a mistake is corrected by another movement.
CREATE TRIGGER petty_movements_no_update BEFORE UPDATE ON petty_movements
BEGIN SELECT RAISE(ABORT, 'petty-cash movements are never edited'); END;
CREATE TRIGGER petty_movements_no_delete BEFORE DELETE ON petty_movements
BEGIN SELECT RAISE(ABORT, 'petty-cash movements are never deleted'); END;
-- A settlement names an issue of its own venue.
CREATE TRIGGER petty_movements_issue_fits BEFORE INSERT ON petty_movements
WHEN NEW.issue_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM petty_movements
        WHERE id = NEW.issue_id AND kind = 'issue' AND venue_id = NEW.venue_id)
BEGIN SELECT RAISE(ABORT, 'a settlement names an issue of its venue'); END;

-- The receipts (报销票据) of a settlement or a direct expense: which expense account, how much.
CREATE TABLE petty_receipts (
    movement_id     INTEGER NOT NULL REFERENCES petty_movements(id),
    line_no         INTEGER NOT NULL CHECK (line_no BETWEEN 1 AND 20),
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
    receipt_count   INTEGER NOT NULL DEFAULT 1 CHECK (receipt_count BETWEEN 0 AND 999),  -- 张数
    receipt_no      TEXT NOT NULL DEFAULT '',                                             -- 票号
    note            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (movement_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER petty_receipts_no_update BEFORE UPDATE ON petty_receipts
BEGIN SELECT RAISE(ABORT, 'petty-cash receipts are never edited'); END;
CREATE TRIGGER petty_receipts_no_delete BEFORE DELETE ON petty_receipts
BEGIN SELECT RAISE(ABORT, 'petty-cash receipts are never deleted'); END;
