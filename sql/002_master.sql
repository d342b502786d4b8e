-- 002_master: room types, rooms, products, packages (master data of a venue).

CREATE TABLE room_types (
    id         INTEGER PRIMARY KEY,
    venue_id   INTEGER NOT NULL REFERENCES venue(id),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    capacity   INTEGER NOT NULL DEFAULT 0 CHECK (capacity BETWEEN 0 AND 500),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (venue_id, name)
) STRICT;

CREATE TABLE rooms (
    id           INTEGER PRIMARY KEY,
    venue_id     INTEGER NOT NULL REFERENCES venue(id),
    room_no      TEXT NOT NULL CHECK (length(room_no) BETWEEN 1 AND 20),
    name         TEXT NOT NULL DEFAULT '',
    room_type_id INTEGER NOT NULL REFERENCES room_types(id),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (venue_id, room_no)
) STRICT;

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    venue_id     INTEGER NOT NULL REFERENCES venue(id),
    code         TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    category     TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    price_fen    INTEGER NOT NULL CHECK (price_fen BETWEEN 0 AND 100000000),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    -- Flags of the trade (domain.md): counts toward minimum spend, discountable,
    -- commissionable, storable by guests (寄酒).
    min_spend    INTEGER NOT NULL DEFAULT 1 CHECK (min_spend IN (0,1)),
    discountable INTEGER NOT NULL DEFAULT 1 CHECK (discountable IN (0,1)),
    commissionable INTEGER NOT NULL DEFAULT 1 CHECK (commissionable IN (0,1)),
    storable     INTEGER NOT NULL DEFAULT 0 CHECK (storable IN (0,1)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (venue_id, code)
) STRICT;
CREATE INDEX products_name ON products(venue_id, name);

CREATE TABLE packages (
    id         INTEGER PRIMARY KEY,
    venue_id   INTEGER NOT NULL REFERENCES venue(id),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    slot       TEXT NOT NULL DEFAULT '',
    price_fen  INTEGER NOT NULL CHECK (price_fen BETWEEN 0 AND 100000000),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (venue_id, name)
) STRICT;

CREATE TABLE package_items (
    id           INTEGER PRIMARY KEY,
    package_id   INTEGER NOT NULL REFERENCES packages(id),
    product_id   INTEGER NOT NULL REFERENCES products(id),
    qty          INTEGER NOT NULL CHECK (qty > 0),
    choice_group TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX package_items_package ON package_items(package_id);
