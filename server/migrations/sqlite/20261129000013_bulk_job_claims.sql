-- Bulk runs shared by several server instances: the run working a job
-- (`runner`), and the run that claimed each item before sending its A11
-- (`claimed_by`). Another instance takes over a job whose runner stopped
-- beating; an item claimed by a dead run is reported as interrupted, never
-- sent again.
ALTER TABLE bulk_jobs ADD COLUMN runner TEXT;
ALTER TABLE bulk_job_items ADD COLUMN claimed_by TEXT;
