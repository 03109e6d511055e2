-- A merchant's gateway operation is written (synced) before it is sent, as
-- `unknown` with `settled = 0`; its answer settles it. A crash or a lost
-- answer leaves it unsettled, and the reconciler asks the gateway (E04).
ALTER TABLE gateway_operations ADD COLUMN settled INTEGER NOT NULL DEFAULT 1;
CREATE INDEX gateway_operations_unsettled ON gateway_operations (at) WHERE settled = 0;
