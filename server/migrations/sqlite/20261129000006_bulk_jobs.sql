-- 外部決済一括処理: bulk re-authorization runs and their per-order results.
CREATE TABLE bulk_jobs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL DEFAULT 'reauth',
    status      TEXT    NOT NULL CHECK (status IN ('running', 'done')),
    total       INTEGER NOT NULL,
    succeeded   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    finished_at TEXT
);

CREATE TABLE bulk_job_items (
    job_id     INTEGER NOT NULL REFERENCES bulk_jobs (id),
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    status     TEXT    NOT NULL CHECK (status IN ('pending', 'ok', 'failed')),
    message    TEXT,
    PRIMARY KEY (job_id, order_id)
);
