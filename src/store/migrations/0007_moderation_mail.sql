-- What waits for moderation, the moderation digest and the outbox's kinds
-- (issue 8, flow fault 6).
--
-- The navigation counts waiting comments and topic suggestions on every
-- page a moderator sees: indexes that lead with the status.
CREATE INDEX comments_waiting ON comments(status, created_at);
CREATE INDEX topic_suggestions_waiting ON topic_suggestions(status, created_at);

-- A person who asked for the daily moderation digest (Mitt konto; off by
-- default: no row).  last_day is the local day ('YYYY-MM-DD') the last
-- digest was queued; the conditional update on it makes it at most one a
-- day, across server processes.
CREATE TABLE moderation_digests (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    last_day TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

-- What an outbox message is, so the administrators' outbox page can say so
-- without showing its body: a personal notice, or the moderation digest.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'avisering'
    CHECK (kind IN ('avisering', 'sammanfattning'));
CREATE INDEX outbox_created ON outbox(created_at, id);
