-- The shopper session that claimed each idempotency key (security review
-- L2): `POST /api/orders/abandon` gives the full answer (with the buyer's
-- e-mail) only to that session, and the answer without it to any other.
-- The session's nonce, never the signed value; NULL for keys claimed before.
ALTER TABLE idempotency_keys ADD COLUMN session TEXT;
