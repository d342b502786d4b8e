-- 020_finance: the venue's books (总账): chart of accounts, journal entries and their lines.
--
-- Every money event posts one balanced entry (src/finance/postings.c decides the lines).
-- Entries are never changed: a mistake is reversed by a new entry that names the one it reverses.
-- A line's amount is signed: debit positive, credit negative, so an entry balances when its
-- lines sum to zero, and the trial balance is the sum of every line (zero at every moment).

CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    code        TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    name_en     TEXT NOT NULL DEFAULT '',
    type        TEXT NOT NULL CHECK (type IN ('asset','liability','equity','revenue','expense')),
    -- How reports group the account: cash (drawer, safe, petty cash), bank, clearing (channels
    -- not yet in the bank), receivable, stored_value, payable, equity, revenue, contra
    -- (discounts, refunds), other_income, cost, expense.
    grp         TEXT NOT NULL CHECK (grp IN ('cash','bank','clearing','receivable','suspense',
                    'stored_value','payable','equity','revenue','contra','other_income','cost',
                    'expense')),
    -- What the lines' party names on this account: a shift, a cashier, a platform, a person...
    party_kind  TEXT NOT NULL DEFAULT '' CHECK (party_kind IN ('','shift','cashier','platform',
                    'person','customer','supplier')),
    -- The part the account plays in automatic postings ('drawer', 'safe', 'sv_principal' ...).
    -- NULL for accounts finance adds; a system account may be renamed, never deactivated.
    system_key  TEXT,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    UNIQUE (venue_id, code),
    UNIQUE (venue_id, system_key)
) STRICT;
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are never deleted'); END;
-- The type decides the sign of every balance ever posted: it never changes.
CREATE TRIGGER accounts_type_fixed BEFORE UPDATE ON accounts
WHEN NEW.type IS NOT OLD.type OR NEW.venue_id IS NOT OLD.venue_id
     OR NEW.system_key IS NOT OLD.system_key OR (OLD.system_key IS NOT NULL AND NEW.active = 0)
BEGIN SELECT RAISE(ABORT, 'an account keeps its type and its part in postings'); END;

CREATE TABLE journal_entries (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    day         TEXT NOT NULL,               -- the business day the entry belongs to
    posted_at   INTEGER NOT NULL,            -- UTC epoch seconds
    -- What the entry posts: 'bill', 'refund', 'void', 'shift_open', 'shift_cash', 'shift_close',
    -- 'shift_handin', 'topup', 'record', 'petty', 'groupbuy', 'manual', 'reversal' ...
    source_kind TEXT NOT NULL CHECK (length(source_kind) BETWEEN 1 AND 20),
    source_id   INTEGER NOT NULL DEFAULT 0,
    memo        TEXT NOT NULL DEFAULT '',
    reverses_id INTEGER REFERENCES journal_entries(id),
    by_user     TEXT NOT NULL DEFAULT '',
    line_count  INTEGER NOT NULL CHECK (line_count BETWEEN 2 AND 64),
    debit_fen   INTEGER NOT NULL CHECK (debit_fen > 0),
    -- 1 only for history posted when the books were first opened on an existing database.
    backfill    INTEGER NOT NULL DEFAULT 0 CHECK (backfill IN (0,1))
) STRICT;
-- An event posts once; manual entries and reversals have no source of their own.
CREATE UNIQUE INDEX journal_source ON journal_entries(venue_id, source_kind, source_id)
    WHERE source_kind NOT IN ('manual','reversal');
-- An entry is reversed at most once, and a reversal is never reversed (post a new entry).
CREATE UNIQUE INDEX journal_reversed_once ON journal_entries(reverses_id)
    WHERE reverses_id IS NOT NULL;
CREATE INDEX journal_day ON journal_entries(venue_id, day);

-- A confirmed business day (business_days, issue 3) is locked: nothing posts into it.
CREATE TRIGGER journal_day_locked BEFORE INSERT ON journal_entries
WHEN NEW.backfill = 0 AND EXISTS (SELECT 1 FROM business_days
                                  WHERE venue_id = NEW.venue_id AND day = NEW.day)
BEGIN SELECT RAISE(ABORT, 'day_locked'); END;
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are never edited'); END;
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted'); END;

CREATE TABLE journal_lines (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES journal_entries(id),
    venue_id    INTEGER NOT NULL,
    day         TEXT NOT NULL,
    line_no     INTEGER NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen <> 0),  -- debit +, credit -
    party       TEXT NOT NULL DEFAULT '',
    UNIQUE (entry_id, line_no)
) STRICT;
CREATE INDEX journal_lines_account ON journal_lines(venue_id, account_id, day);
CREATE INDEX journal_lines_party ON journal_lines(account_id, party);

-- A line belongs to its entry's venue and day, and an entry takes no more lines than it said.
CREATE TRIGGER journal_lines_fit BEFORE INSERT ON journal_lines
WHEN NOT EXISTS (SELECT 1 FROM journal_entries e, accounts a
                 WHERE e.id = NEW.entry_id AND a.id = NEW.account_id
                   AND e.venue_id = NEW.venue_id AND a.venue_id = NEW.venue_id
                   AND e.day = NEW.day AND NEW.line_no BETWEEN 1 AND e.line_count)
BEGIN SELECT RAISE(ABORT, 'a journal line does not fit its entry'); END;
-- The last line closes the entry: it must balance to the fen, with the debits it announced.
CREATE TRIGGER journal_lines_balance AFTER INSERT ON journal_lines
WHEN NEW.line_no = (SELECT line_count FROM journal_entries WHERE id = NEW.entry_id)
 AND ((SELECT sum(amount_fen) FROM journal_lines WHERE entry_id = NEW.entry_id) <> 0
   OR (SELECT sum(amount_fen) FROM journal_lines WHERE entry_id = NEW.entry_id AND amount_fen > 0)
      <> (SELECT debit_fen FROM journal_entries WHERE id = NEW.entry_id)
   OR (SELECT count(*) FROM journal_lines WHERE entry_id = NEW.entry_id)
      <> NEW.line_no)
BEGIN SELECT RAISE(ABORT, 'journal entry does not balance'); END;
CREATE TRIGGER journal_lines_no_update BEFORE UPDATE ON journal_lines
BEGIN SELECT RAISE(ABORT, 'journal lines are never edited'); END;
CREATE TRIGGER journal_lines_no_delete BEFORE DELETE ON journal_lines
BEGIN SELECT RAISE(ABORT, 'journal lines are never deleted'); END;

-- Per account and business day, kept by trigger, so balances and the finance table over years
-- read a few thousand rows instead of every line.
CREATE TABLE account_day_totals (
    venue_id    INTEGER NOT NULL,
    account_id  INTEGER NOT NULL,
    day         TEXT NOT NULL,
    debit_fen   INTEGER NOT NULL DEFAULT 0,
    credit_fen  INTEGER NOT NULL DEFAULT 0,   -- positive
    lines       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (venue_id, account_id, day)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER journal_lines_totals AFTER INSERT ON journal_lines
BEGIN
    INSERT INTO account_day_totals(venue_id, account_id, day, debit_fen, credit_fen, lines)
    VALUES (NEW.venue_id, NEW.account_id, NEW.day,
            CASE WHEN NEW.amount_fen > 0 THEN NEW.amount_fen ELSE 0 END,
            CASE WHEN NEW.amount_fen < 0 THEN -NEW.amount_fen ELSE 0 END, 1)
    ON CONFLICT (venue_id, account_id, day) DO UPDATE SET
        debit_fen = debit_fen + excluded.debit_fen,
        credit_fen = credit_fen + excluded.credit_fen,
        lines = lines + 1;
END;

-- Which revenue account a product category's sales go to (酒水 -> drinks ...). Categories not
-- listed follow the built-in rule in postings.c.
CREATE TABLE category_accounts (
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    category    TEXT NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    PRIMARY KEY (venue_id, category)
) STRICT;

-- What the guest paid the platform for a group-buy voucher (团购券); NULL: the face value.
-- The difference to the face value is the platform's discount, booked as such.
ALTER TABLE bill_payments ADD COLUMN voucher_paid_fen INTEGER;
