-- Each running server instance (one `run_id` per process start) and when it
-- last said it was alive: a request claimed by a run that stopped beating
-- died with it, and another instance may answer for it.
CREATE TABLE server_runs (
    run_id       TEXT PRIMARY KEY NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
);
