-- アクセスキー saved from the admin (write-only: never returned). When set it
-- takes precedence over ZEROSTEP_ACCESS_KEY.
CREATE TABLE gateway_secrets (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    access_key TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
