-- Merchant admin: users, sessions, and what the payment operations record.

CREATE TABLE admin_users (
    id              INTEGER PRIMARY KEY,
    login           TEXT    NOT NULL UNIQUE,
    password_hash   TEXT    NOT NULL,            -- argon2id PHC string
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,                        -- RFC 3339 UTC
    created_at      TEXT    NOT NULL
);

CREATE TABLE admin_sessions (
    token_hash TEXT    PRIMARY KEY NOT NULL,     -- SHA-256 of the cookie value
    user_id    INTEGER NOT NULL REFERENCES admin_users (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);

-- 配送サービス選択 for the card method: '00' ヤマト運輸, '99' その他.
ALTER TABLE payment_methods ADD COLUMN delivery_service TEXT NOT NULL DEFAULT '00' CHECK (delivery_service IN ('00', '99'));

ALTER TABLE orders ADD COLUMN gateway_status INTEGER;   -- statusInfo as last seen (4, 30, 31, 40, 17…)
ALTER TABLE orders ADD COLUMN slip_no TEXT;             -- 問い合わせ番号
ALTER TABLE orders ADD COLUMN authorized_at TEXT;       -- start of the current authorization hold
ALTER TABLE orders ADD COLUMN last_reauth_at TEXT;      -- 再与信 前回実行日時

ALTER TABLE gateway_operations ADD COLUMN actor TEXT NOT NULL DEFAULT 'system';  -- who: shopper, system, or an admin login

UPDATE orders SET gateway_status = 4, authorized_at = updated_at WHERE status = 'authorized';
