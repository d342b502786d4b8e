-- 024_stored_value: stored value (储值) as money: top-ups with their bonus offers (充送), refunds
-- of principal, and who may give a bonus by hand (issue 4).
--
-- The balance itself stays where 012 put it: the member's append-only ledger (member_ledger),
-- principal and bonus apart. A top-up and a refund each write one ledger row and one record
-- here that says how the money moved (method, shift, reference, approval) and points at that
-- row; the books post from the record (source_kind 'topup' / 'sv_refund', source_id its id).

-- The top-up offers (充值送): pay at least threshold_fen, get bonus_fen on top, while the offer
-- is in force (business days effective_from..effective_to). The best offer whose threshold is
-- met applies (src/members/sv.c). An offer's amounts never change once written (a top-up names
-- the offer it got): a new offer is a new row, an old one is ended (effective_to) or switched
-- off (active 0).
CREATE TABLE sv_rules (
    id             INTEGER PRIMARY KEY,
    venue_id       INTEGER NOT NULL REFERENCES venue(id),
    name           TEXT NOT NULL DEFAULT '',
    threshold_fen  INTEGER NOT NULL CHECK (threshold_fen > 0),
    bonus_fen      INTEGER NOT NULL CHECK (bonus_fen >= 0 AND bonus_fen <= threshold_fen),
    effective_from TEXT NOT NULL,
    effective_to   TEXT NOT NULL DEFAULT '9999-12-31' CHECK (effective_to >= effective_from),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    created_at     INTEGER NOT NULL,
    created_by     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sv_rules_venue ON sv_rules(venue_id, effective_from);
CREATE TRIGGER sv_rules_amounts_fixed BEFORE UPDATE ON sv_rules
WHEN NEW.threshold_fen IS NOT OLD.threshold_fen OR NEW.bonus_fen IS NOT OLD.bonus_fen
  OR NEW.effective_from IS NOT OLD.effective_from OR NEW.venue_id IS NOT OLD.venue_id
BEGIN SELECT RAISE(ABORT, 'an offer keeps its amounts: end it and add a new one'); END;
CREATE TRIGGER sv_rules_no_delete BEFORE DELETE ON sv_rules
BEGIN SELECT RAISE(ABORT, 'offers are never deleted'); END;

-- The most bonus a role may give by hand on one top-up, in basis points of the amount paid
-- (3000: up to 30 %). Above it (and above what the offer gives) a manager approves. A role
-- without a row may give none by hand.
CREATE TABLE sv_bonus_limits (
    role           TEXT PRIMARY KEY,
    bonus_limit_bp INTEGER NOT NULL CHECK (bonus_limit_bp BETWEEN 0 AND 10000)
) STRICT;
INSERT INTO sv_bonus_limits(role, bonus_limit_bp) VALUES
 ('admin', 10000), ('manager', 3000), ('finance', 0), ('cashier', 0);

-- A top-up (充值): amount_fen paid in by method (a liability, never revenue), bonus_fen given.
-- Cash goes into the drawer of the cashier's open shift: shift_id is required for cash, and the
-- shift's expected cash counts it (shifts/report.c through members.h).
CREATE TABLE member_topups (
    id           INTEGER PRIMARY KEY,
    venue_id     INTEGER NOT NULL REFERENCES venue(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    at           INTEGER NOT NULL,
    business_day TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
    bonus_fen    INTEGER NOT NULL CHECK (bonus_fen >= 0),
    -- Where the bonus came from: 'rule' (rule_id names the offer), 'manual' (given by hand,
    -- approved_by the manager when beyond the user's own limit), 'none'.
    bonus_source TEXT NOT NULL CHECK (bonus_source IN ('rule','manual','none')),
    rule_id      INTEGER REFERENCES sv_rules(id),
    method       TEXT NOT NULL CHECK (method IN ('cash','wechat','alipay','card')),
    reference    TEXT NOT NULL DEFAULT '',
    shift_id     INTEGER REFERENCES shifts(id),
    ledger_id    INTEGER NOT NULL UNIQUE REFERENCES member_ledger(id),
    approved_by  TEXT NOT NULL DEFAULT '',
    by_user      TEXT NOT NULL,
    CHECK (method <> 'cash' OR shift_id IS NOT NULL),
    CHECK ((bonus_source = 'rule') = (rule_id IS NOT NULL))
) STRICT;
CREATE INDEX member_topups_member ON member_topups(member_id);
CREATE INDEX member_topups_shift ON member_topups(shift_id) WHERE shift_id IS NOT NULL;
CREATE INDEX member_topups_day ON member_topups(venue_id, business_day);
CREATE TRIGGER member_topups_no_update BEFORE UPDATE ON member_topups
BEGIN SELECT RAISE(ABORT, 'top-ups are never edited'); END;
CREATE TRIGGER member_topups_no_delete BEFORE DELETE ON member_topups
BEGIN SELECT RAISE(ABORT, 'top-ups are never deleted'); END;

-- A refund of stored value (储值退款): principal only, given back by method, with a manager's
-- approval. When the member gives up the whole principal, the bonus still held is forfeited
-- (bonus_forfeited_fen) in the same ledger row. Cash comes out of the drawer of the cashier's
-- open shift.
CREATE TABLE member_sv_refunds (
    id                  INTEGER PRIMARY KEY,
    venue_id            INTEGER NOT NULL REFERENCES venue(id),
    member_id           INTEGER NOT NULL REFERENCES members(id),
    at                  INTEGER NOT NULL,
    business_day        TEXT NOT NULL,
    principal_fen       INTEGER NOT NULL CHECK (principal_fen > 0),
    bonus_forfeited_fen INTEGER NOT NULL CHECK (bonus_forfeited_fen >= 0),
    method              TEXT NOT NULL CHECK (method IN ('cash','wechat','alipay','card')),
    reference           TEXT NOT NULL DEFAULT '',
    reason              TEXT NOT NULL CHECK (length(reason) > 0),
    shift_id            INTEGER REFERENCES shifts(id),
    ledger_id           INTEGER NOT NULL UNIQUE REFERENCES member_ledger(id),
    approved_by         TEXT NOT NULL CHECK (length(approved_by) > 0),
    by_user             TEXT NOT NULL,
    CHECK (method <> 'cash' OR shift_id IS NOT NULL)
) STRICT;
CREATE INDEX member_sv_refunds_member ON member_sv_refunds(member_id);
CREATE INDEX member_sv_refunds_shift ON member_sv_refunds(shift_id) WHERE shift_id IS NOT NULL;
CREATE TRIGGER member_sv_refunds_no_update BEFORE UPDATE ON member_sv_refunds
BEGIN SELECT RAISE(ABORT, 'stored-value refunds are never edited'); END;
CREATE TRIGGER member_sv_refunds_no_delete BEFORE DELETE ON member_sv_refunds
BEGIN SELECT RAISE(ABORT, 'stored-value refunds are never deleted'); END;

-- The liability report reads the ledger by day.
CREATE INDEX member_ledger_day ON member_ledger(business_day);

-- Finance keeps the stored-value liability (the members' balances on its page), so it reads
-- the members (phones masked: it has no write on crm). An admin may change it like any other.
INSERT OR IGNORE INTO role_permissions(role, module, can_read, can_write)
VALUES ('finance', 'crm', 1, 0);
