-- Plain-language review (issue 12).  An author sends a text to the
-- klarspråk group with a question and a deadline (review_requests); every
-- saved version is kept (review_versions, numbered from 1); reviewers
-- comment on a paragraph by its number, quoting a passage if they wish
-- (review_comments), and the author answers each comment; a comment is
-- placed in every version where its passage still stands
-- (review_comment_places: the version and the paragraph there); each
-- reviewer gives one verdict per version (review_verdicts), and only the
-- latest version can be judged.  A post may require review
-- (posts.requires_review): it is published only in a version approved
-- with 'godkand', and posts.reviewed_at keeps that approval's time for the
-- mark on the published page.
CREATE TABLE review_requests (
    id @ID@,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('inlagg', 'utlysning', 'brevmall', 'protokoll', 'fritext')),
    title TEXT NOT NULL,
    question TEXT NOT NULL DEFAULT '',
    deadline TEXT NOT NULL,
    post_id BIGINT REFERENCES posts(id) ON DELETE SET NULL,
    latest_version BIGINT NOT NULL DEFAULT 1 CHECK (latest_version >= 1),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX review_requests_author ON review_requests(author_id, id);
CREATE INDEX review_requests_post ON review_requests(post_id);

CREATE TABLE review_versions (
    id @ID@,
    request_id BIGINT NOT NULL REFERENCES review_requests(id) ON DELETE CASCADE,
    number BIGINT NOT NULL CHECK (number >= 1),
    body TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (request_id, number)
);

CREATE TABLE review_comments (
    id @ID@,
    request_id BIGINT NOT NULL REFERENCES review_requests(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    paragraph BIGINT NOT NULL CHECK (paragraph >= 1),
    quote TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    user_name TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    answered_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX review_comments_request ON review_comments(request_id, id);
CREATE INDEX review_comments_user ON review_comments(user_id);

CREATE TABLE review_comment_places (
    comment_id BIGINT NOT NULL REFERENCES review_comments(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    paragraph BIGINT NOT NULL CHECK (paragraph >= 1),
    PRIMARY KEY (comment_id, version)
);

CREATE TABLE review_verdicts (
    id @ID@,
    request_id BIGINT NOT NULL REFERENCES review_requests(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    reviewer_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    reviewer_name TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('godkand', 'godkand_med_andringar', 'skriv_om')),
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (request_id, version, reviewer_id)
);
CREATE INDEX review_verdicts_reviewer ON review_verdicts(reviewer_id);

ALTER TABLE posts ADD COLUMN requires_review BIGINT NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN reviewed_at BIGINT;
