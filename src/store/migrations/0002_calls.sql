-- Projects with open calls, test ideas, assessment, grants, expense
-- claims; the e-mail outbox and in-site notifications.
-- Money is integer öre; dates are 'YYYY-MM-DD' (local); times Unix seconds.

CREATE TABLE projects (
    id @ID@,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    what TEXT NOT NULL DEFAULT '',
    why TEXT NOT NULL DEFAULT '',
    how TEXT NOT NULL DEFAULT '',
    short_goal TEXT NOT NULL DEFAULT '',
    short_target BIGINT NOT NULL DEFAULT 0,
    short_year BIGINT NOT NULL DEFAULT 0,
    long_goal TEXT NOT NULL DEFAULT '',
    eligible_orgs BIGINT NOT NULL DEFAULT 1,
    eligible_youth BIGINT NOT NULL DEFAULT 1,
    call_opens TEXT NOT NULL,
    call_closes TEXT NOT NULL,
    budget BIGINT NOT NULL,
    granted_total BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    internal_notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (budget >= 0),
    CHECK (granted_total >= 0 AND granted_total <= budget)
);

CREATE TABLE project_categories (
    id @ID@,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (project_id, name)
);
CREATE INDEX project_categories_project ON project_categories(project_id, position);

CREATE TABLE project_criteria (
    id @ID@,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (project_id, number)
);

CREATE TABLE project_contacts (
    id @ID@,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_contacts_project ON project_contacts(project_id, position);

CREATE TABLE ideas (
    id @ID@,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    submitter_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    submitter_name TEXT NOT NULL,
    org_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
    birth_year BIGINT,
    need TEXT NOT NULL DEFAULT '',
    youth_role TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '',
    period_start TEXT NOT NULL DEFAULT '',
    period_end TEXT NOT NULL DEFAULT '',
    feedback_plan TEXT NOT NULL DEFAULT '',
    sharing_plan TEXT NOT NULL DEFAULT '',
    report TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    decision_message TEXT NOT NULL DEFAULT '',
    decided_at BIGINT,
    granted_total BIGINT NOT NULL DEFAULT 0,
    internal_notes TEXT NOT NULL DEFAULT '',
    submitted_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (granted_total >= 0)
);
CREATE INDEX ideas_project_status ON ideas(project_id, status, id);
CREATE INDEX ideas_project ON ideas(project_id, id);
CREATE INDEX ideas_submitter ON ideas(submitter_id, id);
CREATE INDEX ideas_org ON ideas(org_id);

-- How many ideas a project has in each status, kept with every change so
-- that paging through 100 000 ideas never counts them.
CREATE TABLE idea_counts (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (project_id, status)
);

CREATE TABLE idea_partners (
    id @ID@,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    org_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
    name TEXT NOT NULL
);
CREATE INDEX idea_partners_idea ON idea_partners(idea_id);

CREATE TABLE budget_lines (
    id @ID@,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    category_id BIGINT NOT NULL REFERENCES project_categories(id),
    description TEXT NOT NULL,
    asked BIGINT NOT NULL,
    granted BIGINT NOT NULL DEFAULT 0,
    approved_total BIGINT NOT NULL DEFAULT 0,
    CHECK (asked > 0),
    CHECK (granted >= 0 AND granted <= asked),
    CHECK (approved_total >= 0 AND approved_total <= granted)
);
CREATE INDEX budget_lines_idea ON budget_lines(idea_id, position);
CREATE INDEX budget_lines_category ON budget_lines(category_id);

CREATE TABLE idea_events (
    id @ID@,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idea_events_idea ON idea_events(idea_id, at, id);

CREATE TABLE assessments (
    id @ID@,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    criterion_id BIGINT NOT NULL REFERENCES project_criteria(id) ON DELETE CASCADE,
    assessor_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    assessor_name TEXT NOT NULL,
    met BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL,
    UNIQUE (idea_id, criterion_id, assessor_id)
);
CREATE INDEX assessments_idea ON assessments(idea_id);

CREATE TABLE claims (
    id @ID@,
    idea_id BIGINT NOT NULL REFERENCES ideas(id) ON DELETE CASCADE,
    line_id BIGINT NOT NULL REFERENCES budget_lines(id) ON DELETE CASCADE,
    claimant_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    claimant_name TEXT NOT NULL,
    description TEXT NOT NULL,
    amount BIGINT NOT NULL,
    spent_on TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    receipt_name TEXT NOT NULL,
    receipt_type TEXT NOT NULL,
    receipt_size BIGINT NOT NULL,
    receipt @BLOB@ NOT NULL,
    decision_note TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at BIGINT,
    paid_at BIGINT,
    created_at BIGINT NOT NULL,
    CHECK (amount > 0)
);
CREATE INDEX claims_idea ON claims(idea_id, id);
CREATE INDEX claims_line ON claims(line_id, status);
CREATE INDEX claims_status ON claims(status, id);

CREATE TABLE outbox (
    id @ID@,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    to_email TEXT NOT NULL,
    to_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0,
    sent_at BIGINT,
    failed BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(sent_at, failed, next_attempt_at);

CREATE TABLE notifications (
    id @ID@,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    text TEXT NOT NULL,
    link TEXT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, at);
