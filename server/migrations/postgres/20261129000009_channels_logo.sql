-- 対応種別 (the purchase routes a payment method is offered on) and an
-- uploaded 決済サービスロゴ image.
ALTER TABLE payment_methods ADD COLUMN channels TEXT NOT NULL DEFAULT 'pc,smartphone';
CREATE TABLE payment_logos (
    code         TEXT PRIMARY KEY NOT NULL REFERENCES payment_methods (code),
    content_type TEXT NOT NULL,
    bytes        BYTEA NOT NULL,
    updated_at   TEXT NOT NULL
);
