-- 023_groupbuy: group-buy platforms (团购: 美团, 抖音, 点评), their settlement statements and the
-- settlements posted from them (src/finance/groupbuy*.c).
--
-- A voucher used on a bill is a bill_payments row (method 'voucher', platform = the platform's
-- code, reference = the voucher code, amount_fen = the face value applied, voucher_paid_fen =
-- what the guest paid the platform). A statement row says the platform verified (验券) the
-- voucher and, once it has paid, settled it (结算) net of its fee. The three are matched per
-- platform and voucher code; nothing here is edited after it is written.

-- A platform and how its statement files name their columns. Each col_* holds the header (or
-- several, separated by '|': the first one the file has is read) of one field; '' means the
-- platform's statements do not carry it. The code is what the till records on a voucher tender
-- and never changes (statements and bills are matched on it).
CREATE TABLE groupbuy_platforms (
    id              INTEGER PRIMARY KEY,
    venue_id        INTEGER NOT NULL REFERENCES venue(id),
    code            TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20
                                         AND code NOT GLOB '*[^a-z0-9_]*'),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    name_en         TEXT NOT NULL DEFAULT '' CHECK (length(name_en) <= 40),
    col_code        TEXT NOT NULL CHECK (length(col_code) BETWEEN 1 AND 200),
    col_verified_at TEXT NOT NULL DEFAULT '' CHECK (length(col_verified_at) <= 200),
    col_face        TEXT NOT NULL DEFAULT '' CHECK (length(col_face) <= 200),
    col_paid        TEXT NOT NULL DEFAULT '' CHECK (length(col_paid) <= 200),
    col_fee         TEXT NOT NULL DEFAULT '' CHECK (length(col_fee) <= 200),
    col_net         TEXT NOT NULL DEFAULT '' CHECK (length(col_net) <= 200),
    col_settled_on  TEXT NOT NULL DEFAULT '' CHECK (length(col_settled_on) <= 200),
    col_batch       TEXT NOT NULL DEFAULT '' CHECK (length(col_batch) <= 200),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    sort_order      INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (venue_id, code)
) STRICT;
CREATE TRIGGER groupbuy_platforms_code_fixed BEFORE UPDATE ON groupbuy_platforms
WHEN NEW.code IS NOT OLD.code OR NEW.venue_id IS NOT OLD.venue_id
BEGIN SELECT RAISE(ABORT, 'a platform keeps its code'); END;
CREATE TRIGGER groupbuy_platforms_no_delete BEFORE DELETE ON groupbuy_platforms
BEGIN SELECT RAISE(ABORT, 'platforms are never deleted (deactivate instead)'); END;

-- The three platforms a venue in China meets, with the headers their exported statements use
-- (Meituan and Dianping are one company with one merchant back office; Douyin calls
-- verification 核销). Seeded for every venue there is and every venue created later.
CREATE TABLE groupbuy_platform_defaults (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, name_en TEXT NOT NULL, col_code TEXT NOT NULL,
    col_verified_at TEXT NOT NULL, col_face TEXT NOT NULL, col_paid TEXT NOT NULL,
    col_fee TEXT NOT NULL, col_net TEXT NOT NULL, col_settled_on TEXT NOT NULL,
    col_batch TEXT NOT NULL, sort_order INTEGER NOT NULL
) STRICT;
INSERT INTO groupbuy_platform_defaults VALUES
 ('meituan', '美团', 'Meituan', '券码|团购券码|券号', '验券时间|验证时间|消费时间',
  '券面值|门市价|原价', '用户实付|团购价|售卖价', '平台服务费|佣金|技术服务费',
  '结算金额|商家应得|结算价', '结算日期|打款日期|结算时间', '结算批次|结算单号|打款批次', 10),
 ('douyin', '抖音', 'Douyin', '券码|核销券码|券号', '核销时间|验券时间|使用时间',
  '券面值|原价|门市价', '用户实付|实付金额|订单实收', '平台服务费|软件服务费|佣金',
  '结算金额|商家应得|商家实收', '结算日期|结算时间|入账时间', '结算批次|结算单号', 20),
 ('dianping', '点评', 'Dianping', '券码|团购券码|券号', '验券时间|验证时间|消费时间',
  '券面值|门市价|原价', '用户实付|团购价|售卖价', '平台服务费|佣金|技术服务费',
  '结算金额|商家应得|结算价', '结算日期|打款日期|结算时间', '结算批次|结算单号|打款批次', 30);

INSERT INTO groupbuy_platforms(venue_id, code, name, name_en, col_code, col_verified_at, col_face,
    col_paid, col_fee, col_net, col_settled_on, col_batch, sort_order, created_at, updated_at)
SELECT v.id, d.code, d.name, d.name_en, d.col_code, d.col_verified_at, d.col_face, d.col_paid,
       d.col_fee, d.col_net, d.col_settled_on, d.col_batch, d.sort_order,
       CAST(strftime('%s','now') AS INTEGER), CAST(strftime('%s','now') AS INTEGER)
FROM venue v, groupbuy_platform_defaults d;

CREATE TRIGGER venue_groupbuy_platforms AFTER INSERT ON venue
BEGIN
    INSERT INTO groupbuy_platforms(venue_id, code, name, name_en, col_code, col_verified_at,
        col_face, col_paid, col_fee, col_net, col_settled_on, col_batch, sort_order, created_at,
        updated_at)
    SELECT NEW.id, d.code, d.name, d.name_en, d.col_code, d.col_verified_at, d.col_face,
           d.col_paid, d.col_fee, d.col_net, d.col_settled_on, d.col_batch, d.sort_order,
           CAST(strftime('%s','now') AS INTEGER), CAST(strftime('%s','now') AS INTEGER)
    FROM groupbuy_platform_defaults d;
END;

-- One uploaded statement file that was accepted (a refused file leaves nothing).
CREATE TABLE groupbuy_imports (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    platform    TEXT NOT NULL,
    file_name   TEXT NOT NULL DEFAULT '',
    encoding    TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL,
    by_user     TEXT NOT NULL DEFAULT '',
    rows_read   INTEGER NOT NULL DEFAULT 0,
    imported    INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    settled     INTEGER NOT NULL DEFAULT 0,   -- new settled rows
    net_fen     INTEGER NOT NULL DEFAULT 0,   -- their settled net
    fee_fen     INTEGER NOT NULL DEFAULT 0    -- their platform fees
) STRICT;
CREATE INDEX groupbuy_imports_venue ON groupbuy_imports(venue_id, platform, at);

-- The settled rows of one import that share a settlement batch (or, without a batch column,
-- a settlement date): one journal entry each, source_kind 'groupbuy', source_id = id.
CREATE TABLE groupbuy_settlements (
    id          INTEGER PRIMARY KEY,
    venue_id    INTEGER NOT NULL REFERENCES venue(id),
    platform    TEXT NOT NULL,
    import_id   INTEGER NOT NULL REFERENCES groupbuy_imports(id),
    batch       TEXT NOT NULL,                -- the batch number, or the settlement date
    day         TEXT NOT NULL,                -- the business day the entry is dated
    rows        INTEGER NOT NULL CHECK (rows > 0),
    paid_fen    INTEGER NOT NULL,             -- credited to the platform's receivable
    net_fen     INTEGER NOT NULL,             -- into the bank
    fee_fen     INTEGER NOT NULL,             -- platform fee (expense)
    adjust_fen  INTEGER NOT NULL,             -- paid - net - fee: further platform discount
    CHECK (paid_fen = net_fen + fee_fen + adjust_fen)
) STRICT;
CREATE INDEX groupbuy_settlements_import ON groupbuy_settlements(import_id);

-- A statement row. Amounts are NULL where the statement does not say. The key: a voucher
-- appears once per settlement batch (batch_key is the batch, else the settlement date, else ''
-- for a row verified but not yet settled), so importing the same rows again adds nothing.
CREATE TABLE groupbuy_statement_rows (
    id            INTEGER PRIMARY KEY,
    venue_id      INTEGER NOT NULL REFERENCES venue(id),
    platform      TEXT NOT NULL,
    import_id     INTEGER NOT NULL REFERENCES groupbuy_imports(id),
    line_no       INTEGER NOT NULL,           -- the CSV line in its file
    code          TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    verified_at   TEXT NOT NULL DEFAULT '',   -- local 'YYYY-MM-DD HH:MM:SS' as the platform says
    face_fen      INTEGER CHECK (face_fen >= 0),
    paid_fen      INTEGER CHECK (paid_fen >= 0),
    fee_fen       INTEGER CHECK (fee_fen >= 0),
    net_fen       INTEGER CHECK (net_fen >= 0),
    settled_day   TEXT,                       -- NULL: verified, not settled
    batch         TEXT NOT NULL DEFAULT '',
    batch_key     TEXT NOT NULL,
    settlement_id INTEGER REFERENCES groupbuy_settlements(id),
    CHECK ((settled_day IS NULL) = (settlement_id IS NULL)),
    CHECK (settled_day IS NULL OR net_fen IS NOT NULL),
    UNIQUE (venue_id, platform, code, batch_key)
) STRICT;
CREATE INDEX groupbuy_rows_import ON groupbuy_statement_rows(import_id);

CREATE TRIGGER groupbuy_imports_no_update BEFORE UPDATE ON groupbuy_imports
BEGIN SELECT RAISE(ABORT, 'statement imports are never edited'); END;
CREATE TRIGGER groupbuy_imports_no_delete BEFORE DELETE ON groupbuy_imports
BEGIN SELECT RAISE(ABORT, 'statement imports are never deleted'); END;
CREATE TRIGGER groupbuy_settlements_no_update BEFORE UPDATE ON groupbuy_settlements
BEGIN SELECT RAISE(ABORT, 'settlements are never edited'); END;
CREATE TRIGGER groupbuy_settlements_no_delete BEFORE DELETE ON groupbuy_settlements
BEGIN SELECT RAISE(ABORT, 'settlements are never deleted'); END;
CREATE TRIGGER groupbuy_rows_no_update BEFORE UPDATE ON groupbuy_statement_rows
BEGIN SELECT RAISE(ABORT, 'statement rows are never edited'); END;
CREATE TRIGGER groupbuy_rows_no_delete BEFORE DELETE ON groupbuy_statement_rows
BEGIN SELECT RAISE(ABORT, 'statement rows are never deleted'); END;

-- The vouchers used on bills, by platform: the reconciliation reads them all.
CREATE INDEX bill_payments_voucher ON bill_payments(platform, reference) WHERE method = 'voucher';
