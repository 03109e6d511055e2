-- Whether the order's mails (サンクスメール, 受注通知メール) were queued: claimed
-- in one statement, so the live request and a reconciler (on any instance)
-- never queue them twice.
ALTER TABLE orders ADD COLUMN mails_queued BIGINT NOT NULL DEFAULT 0 CHECK (mails_queued IN (0, 1));
UPDATE orders SET mails_queued = 1 WHERE status IN ('authorized', 'accepted');
