-- Orders, their idempotency keys, the gateway operations made for them,
-- failed card attempts (card-testing defence) and the mail outbox.

ALTER TABLE payment_methods ADD COLUMN pay_ways TEXT NOT NULL DEFAULT '1';  -- 支払回数 offered, comma-separated

CREATE TABLE orders (
    id                INTEGER PRIMARY KEY,
    order_number      TEXT    NOT NULL UNIQUE,  -- 注文番号 (ours)
    receipt_no        TEXT    NOT NULL UNIQUE,  -- 受付番号 (Web Collect order_no)
    status            TEXT    NOT NULL CHECK (status IN
                        ('authorizing', 'authorized', 'declined', 'failed', 'pending_review', 'accepted')),
    payment_method    TEXT    NOT NULL,
    pay_way           INTEGER,
    total             INTEGER NOT NULL CHECK (total >= 0),
    quote_json        TEXT    NOT NULL,
    buyer_json        TEXT    NOT NULL,
    recipient_json    TEXT,
    delivery_json     TEXT    NOT NULL,
    device_div        TEXT    NOT NULL,
    crd_c_res_cd      TEXT,                     -- 与信承認番号
    error_code        TEXT,
    credit_error_code TEXT,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);
CREATE INDEX orders_by_status ON orders (status, updated_at);

CREATE TABLE idempotency_keys (
    key           TEXT    PRIMARY KEY NOT NULL,
    request_hash  TEXT    NOT NULL,
    order_id      INTEGER REFERENCES orders (id),
    response_code INTEGER,                      -- NULL while the first request is in progress
    response_body TEXT,
    created_at    TEXT    NOT NULL
);

CREATE TABLE gateway_operations (
    id                INTEGER PRIMARY KEY,
    order_id          INTEGER NOT NULL REFERENCES orders (id),
    function_div      TEXT    NOT NULL,
    outcome           TEXT    NOT NULL,         -- ok, error, unknown
    error_code        TEXT,
    credit_error_code TEXT,
    detail            TEXT,
    at                TEXT    NOT NULL
);
CREATE INDEX gateway_operations_by_order ON gateway_operations (order_id, id);

CREATE TABLE card_failures (
    id      INTEGER PRIMARY KEY,
    ip      TEXT NOT NULL,
    email   TEXT NOT NULL,
    session TEXT NOT NULL,
    at      TEXT NOT NULL                      -- RFC 3339 UTC
);
CREATE INDEX card_failures_by_time ON card_failures (at);

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER REFERENCES orders (id),
    kind       TEXT NOT NULL,                  -- thanks (サンクスメール), shop_notice (受注通知メール)
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT
);
