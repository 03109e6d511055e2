-- Content-Security-Policy violations the browsers report from our pages
-- (security review M5; PCI DSS 4.0 6.4.3 and 11.6.1): one row per page,
-- directive and blocked source, with how often and when first and last.
-- Anonymous writes, so bounded (store::csp_reports: a cap on new rows)
-- and kept 90 days (store::retention).
CREATE TABLE csp_reports (
    id         INTEGER PRIMARY KEY,
    page       TEXT NOT NULL,                   -- the document's URL, without its query
    directive  TEXT NOT NULL,                   -- the effective directive (script-src-elem…)
    blocked    TEXT NOT NULL,                   -- what was blocked: a URL without its query, inline, eval
    source     TEXT NOT NULL DEFAULT '',        -- file:line of the code that tried, where given
    sample     TEXT NOT NULL DEFAULT '',        -- the first characters of an inline script, where given
    user_agent TEXT NOT NULL DEFAULT '',
    count      INTEGER NOT NULL,
    first_at   TEXT NOT NULL,                   -- RFC 3339 UTC
    last_at    TEXT NOT NULL,
    UNIQUE (page, directive, blocked)
);
CREATE INDEX csp_reports_by_last ON csp_reports (last_at);
