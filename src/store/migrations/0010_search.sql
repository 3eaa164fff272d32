-- Site-wide search (issue 10).  One row per searchable text that anyone
-- may read: written by search_put in the same transaction as the text
-- itself, removed by search_drop (or search_put with visible false) in the
-- transaction that unpublishes, hides or erases it.  Drafts, unpublished
-- minutes, internal notes, comments and personal data are never put here.
CREATE TABLE search_docs (
    id @ID@,
    kind TEXT NOT NULL,
    ref BIGINT NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (kind, ref)
);
-- Facets (kind, org, group, cost, area): several values per name allowed.
CREATE TABLE search_facets (
    doc_id BIGINT NOT NULL REFERENCES search_docs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (doc_id, name, value)
);
CREATE INDEX search_facets_value ON search_facets(name, value, doc_id);
-- The words of the visible texts (lower case, å/ä/ö kept) with how many
-- texts hold them: compounds (a word inside a longer word), the folded
-- fallback and "Menade du …?" are looked up here, so they never suggest a
-- word only a hidden text holds.
CREATE TABLE search_vocab (
    id @ID@,                   -- SQLite: the word's rowid in search_vocab_tri too
    word TEXT NOT NULL UNIQUE,
    fold TEXT NOT NULL,
    n BIGINT NOT NULL
);
CREATE INDEX search_vocab_fold ON search_vocab(fold);
-- @pg
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE search_docs ADD COLUMN tsv tsvector;
CREATE INDEX search_docs_tsv ON search_docs USING gin (tsv);
CREATE INDEX search_vocab_trgm ON search_vocab USING gin (word gin_trgm_ops);
-- @end
-- @sqlite
-- Each text's id with its date: ranking reads the date of every match
-- (up to 1 000) from this small index instead of the whole rows.
CREATE INDEX search_docs_fresh ON search_docs(id, updated_at);
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_docs', content_rowid='id', tokenize='sv');
-- The vocabulary's words and folded words by trigram: a word inside a
-- longer word (compounds) found without scanning the vocabulary.  Its rowid
-- is the word's search_vocab.id, so a match reaches the word's count by
-- one rowid lookup.
CREATE VIRTUAL TABLE search_vocab_tri USING fts5(word, fold, tokenize='trigram');
-- @end
-- The index's version: a fresh random number in every transaction that
-- changes the index (search_put/search_drop), read in the same snapshot as
-- a search, so a result cached in the process under (version, query,
-- filters, page) is never served once the index has changed, and never
-- for another database.
CREATE TABLE search_version (
    id INTEGER PRIMARY KEY,
    v BIGINT NOT NULL
);
-- @pg
INSERT INTO search_version(id, v) VALUES (1, floor(random() * 9e18)::bigint);
-- @end
-- @sqlite
INSERT INTO search_version(id, v) VALUES (1, random());
-- @end
