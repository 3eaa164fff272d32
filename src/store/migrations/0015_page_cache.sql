-- The content version for the anonymous page cache (src/http/pcache.c).
-- Every write that can change what a page shows bumps it (src/store/db.c
-- does this for every statement that writes, outside a short list of
-- tables no page shows); a cached page is served only while the version it
-- was rendered at is still the current one.
-- @sqlite
-- SQLite: one row, bumped inside the writing transaction (writers are
-- serialized by BEGIN IMMEDIATE, so the row costs no conflicts).
CREATE TABLE content_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v INTEGER NOT NULL
);
INSERT INTO content_version (id, v) VALUES (1, 1);
-- @end
-- @pg
-- PostgreSQL: a sequence, advanced right after the writing transaction
-- commits (a row updated by every SERIALIZABLE writer would make every two
-- concurrent writers conflict).  nextval is not transactional: the next
-- read sees it at once, from every process.
CREATE SEQUENCE content_version_seq;
-- @end
