-- Purchase-page settings (seed section 3), delivery and shipping fees, and
-- Japan Post's postal codes.

-- Goods whose shipping the shop confirms later (送料別途連絡).
ALTER TABLE products ADD COLUMN separate_shipping BIGINT NOT NULL DEFAULT 0 CHECK (separate_shipping IN (0, 1));

CREATE TABLE payment_methods (
    code        TEXT    PRIMARY KEY NOT NULL CHECK (code IN ('card', 'bank_transfer')),
    name        TEXT    NOT NULL,          -- 支払方法の名称
    enabled     BIGINT NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),  -- 利用する / 利用しない
    notes       TEXT,                      -- 支払方法画面・サンクスメール注意書き
    logo_url    TEXT,                      -- 決済サービスロゴ
    logo_alt    TEXT,
    card_notice TEXT,                      -- クレジットカード情報入力箇所注意書き
    position    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE delivery_methods (
    code               TEXT    PRIMARY KEY NOT NULL,
    name               TEXT    NOT NULL,
    lead_days          BIGINT NOT NULL DEFAULT 2 CHECK (lead_days BETWEEN 0 AND 30),
    free_shipping_from BIGINT CHECK (free_shipping_from >= 0),  -- NULL: never free
    position           BIGINT NOT NULL DEFAULT 0
);

-- 対応可能な支払方法: a payment method is offered only with the delivery methods linked here.
CREATE TABLE delivery_method_payments (
    delivery_code TEXT NOT NULL REFERENCES delivery_methods (code) ON DELETE CASCADE,
    payment_code  TEXT NOT NULL REFERENCES payment_methods (code) ON DELETE CASCADE,
    PRIMARY KEY (delivery_code, payment_code)
);

-- Tax-included fee per prefecture; NULL (or no row) means 別途連絡.
CREATE TABLE shipping_fees (
    delivery_code TEXT    NOT NULL REFERENCES delivery_methods (code) ON DELETE CASCADE,
    prefecture    BIGINT NOT NULL CHECK (prefecture BETWEEN 1 AND 47),
    fee           BIGINT CHECK (fee >= 0),
    PRIMARY KEY (delivery_code, prefecture)
);

CREATE TABLE postal_codes (
    code       TEXT    NOT NULL,
    prefecture BIGINT NOT NULL CHECK (prefecture BETWEEN 1 AND 47),
    city       TEXT    NOT NULL,
    town       TEXT    NOT NULL,
    seq        BIGINT NOT NULL
);
CREATE INDEX postal_codes_by_code ON postal_codes (code, seq);

-- Which postal data file was imported, so a new one is imported once.
CREATE TABLE postal_import (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    source      TEXT    NOT NULL,
    row_count   BIGINT NOT NULL,
    imported_at TEXT    NOT NULL
);
