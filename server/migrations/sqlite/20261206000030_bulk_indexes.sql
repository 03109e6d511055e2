-- What 売上確定一括処理 (issue 23) reads once per row, found without reading
-- whole tables: a bulk run's next pending item (it scanned the run's items
-- from the first), and whether an order's 配送通知メール for a slip was
-- queued (it scanned the whole outbox, one mail per order and more). The
-- bench's 10,000-row run measures both.
CREATE INDEX bulk_job_items_pending ON bulk_job_items (job_id, status, order_id);
CREATE INDEX outbox_order_kind ON outbox (order_id, kind);
