-- Issue 13: statistics.  The summary the statistics pages and open-data
-- files are served from: one document per (project, period), counted
-- afresh by the server when older than SAMSKAP_STATS_MAX_AGE seconds, so a
-- page does not scan every idea, budget line and claim per request.  It
-- holds counts only (no names); rows older than a day are removed when a
-- new one is written.
CREATE TABLE stats_cache (
    key TEXT PRIMARY KEY,
    generated_at BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX stats_cache_generated ON stats_cache(generated_at);
-- The statistics select by these columns.
CREATE INDEX activities_start ON activities(start_date);
CREATE INDEX meetings_status_date ON meetings(status, date);
CREATE INDEX action_items_done_meeting ON action_items(done_meeting_id);
