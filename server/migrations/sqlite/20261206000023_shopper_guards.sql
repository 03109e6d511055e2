-- The card-testing guards of security review H1, and the purge of M3.
--
-- Keys every instance of the shop shares, made at the first start
-- (store::server_keys): `shopper` signs the sessions `GET /api/checkout/config`
-- issues and the proof-of-work challenges (checkout::shopper_session,
-- checkout::proof_of_work). The value is base64 text; the first instance to
-- start inserts it, the others read it.
CREATE TABLE server_keys (
    name  TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

-- Proof-of-work challenges already solved once (a solution is good for one
-- order), kept until they expire.
CREATE TABLE spent_proofs (
    challenge  TEXT PRIMARY KEY NOT NULL,
    expires_at TEXT NOT NULL                    -- RFC 3339 UTC
);
CREATE INDEX spent_proofs_by_expiry ON spent_proofs (expires_at);

-- The shop-wide velocity guard: when the shop's failed card attempts within
-- the card-failure window reach this many, a new card attempt must first
-- solve a proof-of-work challenge.
ALTER TABLE payment_methods ADD COLUMN challenge_after INTEGER NOT NULL DEFAULT 20;

-- The hourly purge (store::retention) finds what has outlived its use by time.
CREATE INDEX idempotency_keys_by_time ON idempotency_keys (created_at);
CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);
