-- The joint development group: members, activities and their follow-up,
-- meetings with agendas, minutes, questions, action items, attendance,
-- carried-over reports, and topic suggestions from residents.
-- Dates are 'YYYY-MM-DD' and times 'HH:MM', local (Europe/Stockholm).

CREATE TABLE groups (
    id @ID@,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE group_members (
    id @ID@,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    org_id BIGINT REFERENCES organisations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    is_contact BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX group_members_group ON group_members(group_id, is_contact, id);

CREATE TABLE activities (
    id @ID@,
    title TEXT NOT NULL,
    idea_id BIGINT REFERENCES ideas(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    presenter TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL DEFAULT '',
    end_date TEXT NOT NULL DEFAULT '',
    total_min BIGINT,
    total_max BIGINT,
    youth_min BIGINT,
    youth_max BIGINT,
    report TEXT NOT NULL DEFAULT '',
    results TEXT NOT NULL DEFAULT '',
    feedback TEXT NOT NULL DEFAULT '',
    feedback_date TEXT NOT NULL DEFAULT '',
    next_steps TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (total_min IS NULL OR (total_min >= 0 AND total_max >= total_min)),
    CHECK (youth_min IS NULL OR (youth_min >= 0 AND youth_max >= youth_min))
);
CREATE INDEX activities_idea ON activities(idea_id);
CREATE INDEX activities_status ON activities(status, id);

CREATE TABLE activity_orgs (
    id @ID@,
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    org_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
    name TEXT NOT NULL
);
CREATE INDEX activity_orgs_activity ON activity_orgs(activity_id, id);

CREATE TABLE activity_links (
    id @ID@,
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    title TEXT NOT NULL
);
CREATE INDEX activity_links_activity ON activity_links(activity_id, id);

-- People to tell when the activity's part of the minutes is published.
CREATE TABLE activity_participants (
    activity_id BIGINT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, user_id)
);

CREATE TABLE meetings (
    id @ID@,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    place_name TEXT NOT NULL DEFAULT '',
    place_address TEXT NOT NULL DEFAULT '',
    online TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    minutes_version BIGINT NOT NULL DEFAULT 1,
    minutes_by TEXT NOT NULL DEFAULT '',
    published_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (end_time > start_time)
);
CREATE INDEX meetings_group_date ON meetings(group_id, date, start_time, id);

CREATE TABLE agenda_items (
    id @ID@,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    section TEXT NOT NULL,
    activity_id BIGINT REFERENCES activities(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    presenter TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    report_missing BIGINT NOT NULL DEFAULT 0,
    carried_from BIGINT REFERENCES agenda_items(id) ON DELETE SET NULL,
    -- a coordinator removed this item's carried copy: do not carry it again
    carry_dismissed BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, section, position, id);
CREATE INDEX agenda_items_carried ON agenda_items(carried_from);
CREATE INDEX agenda_items_missing ON agenda_items(report_missing, meeting_id);

CREATE TABLE item_questions (
    id @ID@,
    item_id BIGINT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX item_questions_item ON item_questions(item_id, position);

CREATE TABLE action_items (
    id @ID@,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    item_id BIGINT REFERENCES agenda_items(id) ON DELETE SET NULL,
    owner_org_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
    owner_name TEXT NOT NULL,
    what TEXT NOT NULL,
    due TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    done_meeting_id BIGINT REFERENCES meetings(id) ON DELETE SET NULL,
    done_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX action_items_group ON action_items(group_id, status, id);
CREATE INDEX action_items_meeting ON action_items(meeting_id);

CREATE TABLE attendance (
    id @ID@,
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    org_name TEXT NOT NULL DEFAULT '',
    remote BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX attendance_meeting ON attendance(meeting_id, id);

CREATE TABLE topic_suggestions (
    id @ID@,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    client_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    moderated_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX topic_suggestions_group ON topic_suggestions(group_id, status, created_at);
