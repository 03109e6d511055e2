-- A merchant's gateway operation is written (synced) before it is sent:
-- `in_flight = 1`, outcome `unknown`, `settled = 0`. Its answer clears
-- `in_flight` and settles it, unless the answer was lost (`unknown`). The
-- reconciler asks the gateway (E04) about unsettled operations; one still in
-- flight past the stale time died with its server.
ALTER TABLE gateway_operations ADD COLUMN settled BIGINT NOT NULL DEFAULT 1;
ALTER TABLE gateway_operations ADD COLUMN in_flight BIGINT NOT NULL DEFAULT 0;
CREATE INDEX gateway_operations_unsettled ON gateway_operations (at) WHERE settled = 0;

-- Which server run claimed an idempotency key: a retry finding a key claimed
-- by an earlier run knows its first request died with that run.
ALTER TABLE idempotency_keys ADD COLUMN claimed_by TEXT;
