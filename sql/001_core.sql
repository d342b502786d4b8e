-- 001_core: venues, users, sessions, permissions, audit.
-- Times are UTC epoch seconds (INTEGER); days are 'YYYY-MM-DD' text; money is integer fen.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT;

-- Every business row belongs to a venue: a chain is many venues in one database.
CREATE TABLE venue (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    timezone       TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    cutoff_minutes INTEGER NOT NULL DEFAULT 360 CHECK (cutoff_minutes BETWEEN 0 AND 1439),
    address        TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    currency       TEXT NOT NULL DEFAULT 'CNY',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    venue_id      INTEGER NOT NULL REFERENCES venue(id),
    username      TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 2 AND 32),
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('admin','manager','finance','cashier','warehouse',
                                                 'hr','technician','marketing','staff')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;

-- Only a hash of the session token is stored: a stolen database opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    ip         TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins, for throttling per account and per address.
CREATE TABLE login_failures (
    id       INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    ip       TEXT NOT NULL,
    at       INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_user ON login_failures(username, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

-- Per role and module: may read, may write. Admin always has everything (not stored).
CREATE TABLE role_permissions (
    role      TEXT NOT NULL,
    module    TEXT NOT NULL,
    can_read  INTEGER NOT NULL CHECK (can_read IN (0,1)),
    can_write INTEGER NOT NULL CHECK (can_write IN (0,1)),
    PRIMARY KEY (role, module)
) STRICT;

-- The audit trail: who, when, what, before and after. Append-only (triggers below).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    venue_id   INTEGER,
    at         INTEGER NOT NULL,
    user_id    INTEGER,
    username   TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL DEFAULT '',
    before     TEXT,
    after      TEXT,
    request_id TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_at ON audit_log(venue_id, at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Default permissions. Modules: settings users audit rooms products bills import reports
-- (built) and shifts finance inventory purchasing people venue crm marketing plans (to come).
INSERT INTO role_permissions(role, module, can_read, can_write) VALUES
 ('manager','settings',1,1),('manager','users',1,0),('manager','audit',1,0),
 ('manager','rooms',1,1),('manager','products',1,1),('manager','bills',1,1),
 ('manager','import',1,1),('manager','reports',1,0),('manager','shifts',1,1),
 ('manager','finance',1,1),('manager','inventory',1,1),('manager','purchasing',1,1),
 ('manager','people',1,1),('manager','venue',1,1),('manager','crm',1,1),
 ('manager','marketing',1,1),('manager','plans',1,1),
 ('finance','settings',1,0),('finance','rooms',1,0),('finance','products',1,0),
 ('finance','bills',1,1),('finance','import',1,1),('finance','reports',1,0),
 ('finance','shifts',1,1),('finance','finance',1,1),('finance','purchasing',1,0),
 ('cashier','rooms',1,0),('cashier','products',1,0),('cashier','bills',1,1),
 ('cashier','shifts',1,1),('cashier','crm',1,0),
 ('warehouse','products',1,1),('warehouse','inventory',1,1),('warehouse','purchasing',1,1),
 ('hr','people',1,1),('hr','plans',1,0),
 ('technician','rooms',1,0),('technician','venue',1,1),
 ('marketing','rooms',1,0),('marketing','products',1,0),('marketing','reports',1,0),
 ('marketing','crm',1,1),('marketing','marketing',1,1),
 ('staff','rooms',1,0),('staff','products',1,0),('staff','plans',1,0);
