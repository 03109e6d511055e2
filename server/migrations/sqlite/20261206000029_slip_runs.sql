-- 売上確定一括処理 (issue 23): a run over a slip-number CSV is a bulk job of
-- kind 'slips', on the same machinery as the bulk re-authorization. Each row
-- whose E01 is to be sent is an item with its line, the order as the file
-- wrote it, its 問い合わせ番号 and 配送サービス; a row skipped when the run
-- started is kept, with why, in bulk_job_skips, so that the run's result
-- lists every row of the file.
ALTER TABLE bulk_job_items ADD COLUMN line INTEGER;
ALTER TABLE bulk_job_items ADD COLUMN order_ref TEXT;
ALTER TABLE bulk_job_items ADD COLUMN slip_no TEXT;
ALTER TABLE bulk_job_items ADD COLUMN carrier TEXT;

CREATE TABLE bulk_job_skips (
    job_id       INTEGER NOT NULL REFERENCES bulk_jobs (id),
    line         INTEGER NOT NULL,
    order_ref    TEXT    NOT NULL,
    order_number TEXT,
    slip_no      TEXT,
    carrier      TEXT,
    skip         TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    PRIMARY KEY (job_id, line)
);
