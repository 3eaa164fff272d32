-- Requests to represent an organisation (issue 8, flow fault 7): a person
-- asks, at sign-up or from Mitt konto, to represent an organisation in the
-- directory; a coordinator or one of the organisation's current
-- representatives approves (the person gets the representative role and
-- the membership) or declines.  At most one waiting request per person and
-- organisation.
CREATE TABLE org_requests (
    id @ID@,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('vantar', 'godkand', 'avslagen')),
    created_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at BIGINT
);
CREATE INDEX org_requests_org ON org_requests(org_id, status, id);
CREATE INDEX org_requests_user ON org_requests(user_id, id);
CREATE UNIQUE INDEX org_requests_waiting ON org_requests(org_id, user_id) WHERE status = 'vantar';

-- A topic suggestion made while signed in names its author's account, so
-- that the person's export (and erasure) can find it.
ALTER TABLE topic_suggestions ADD COLUMN user_id BIGINT REFERENCES users(id) ON DELETE SET NULL;
