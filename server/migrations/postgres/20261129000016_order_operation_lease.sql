-- A merchant's change to an order's payment (E01, A11, A06, A07) holds the
-- order while it runs: `op_lease` names the holder and `op_lease_at` when it
-- took it. A second change (another click, another admin, the bulk job) is
-- refused while the lease is held, so no two changes reach the gateway at
-- once and each checks the order's state as it is, not as it was read. A
-- lease left by a crashed server lapses after the gateway timeout.
ALTER TABLE orders ADD COLUMN op_lease TEXT;
ALTER TABLE orders ADD COLUMN op_lease_at TEXT;
