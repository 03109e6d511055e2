-- EMV 3-D Secure (reference/webcollect-3ds.md). The card method's setting:
-- whether payments are authenticated (off until the purchase page carries the
-- authentication) and the authDiv of its tokens (3: 3-D Secure and security
-- code, 1: 3-D Secure only).
ALTER TABLE payment_methods ADD COLUMN three_d_secure BIGINT NOT NULL DEFAULT 0;
ALTER TABLE payment_methods ADD COLUMN three_d_auth_div TEXT NOT NULL DEFAULT '3';

-- One authentication per card order whose A08 answered 3-D Secure: the
-- opaque id in trader_ec_url (the return POST carries no cookie), the
-- threeDToken A09 needs, the page that starts it, and where it stands:
-- pending until the return arrives, a09_sent once A09 is claimed (one per
-- session), then authorized, failed or abandoned.
CREATE TABLE three_d_sessions (
    id              TEXT    PRIMARY KEY NOT NULL,
    order_id        BIGINT NOT NULL UNIQUE REFERENCES orders (id),
    idempotency_key TEXT    NOT NULL,
    attempt_id      BIGINT,
    three_d_token   TEXT    NOT NULL,
    start_html      TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN
                        ('pending', 'a09_sent', 'authorized', 'failed', 'abandoned')),
    result_code     TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX three_d_sessions_by_state ON three_d_sessions (state, created_at);
