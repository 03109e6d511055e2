-- 加盟店コード saved from the admin; when set it replaces ZEROSTEP_TRADER_CODE.
CREATE TABLE gateway_settings (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    trader_code TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
