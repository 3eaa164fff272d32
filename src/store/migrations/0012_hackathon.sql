-- The inhabithon (issue 11): a hackathon with challenges, registration,
-- teams with coaches, submissions, a jury scoring against a weighted rubric,
-- and winners that continue as test ideas in an open call.
--
-- The phase moves one step at a time (domain/hackathon.c); the store moves
-- it only WHERE phase = <from>.  Places are counted in hackathons.registered
-- and taken with one conditional UPDATE (registered < capacity), so the
-- capacity is never over-filled; the CHECK says the same again.
CREATE TABLE hackathons (
    id @ID@,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    programme_md TEXT NOT NULL DEFAULT '',
    programme_html TEXT NOT NULL DEFAULT '',
    result_on TEXT NOT NULL DEFAULT '',
    result_place TEXT NOT NULL DEFAULT '',
    phase TEXT NOT NULL CHECK (phase IN ('planerad', 'anmalan', 'pagar', 'bedomning', 'resultat', 'avslutad')),
    capacity BIGINT NOT NULL CHECK (capacity >= 1),
    registered BIGINT NOT NULL DEFAULT 0,
    team_max BIGINT NOT NULL CHECK (team_max >= 1),
    guardian_under_15 BIGINT NOT NULL DEFAULT 1,
    deadline BIGINT NOT NULL,
    winners BIGINT NOT NULL DEFAULT 1 CHECK (winners >= 1),
    project_id BIGINT REFERENCES projects(id) ON DELETE SET NULL,
    published_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (registered >= 0 AND registered <= capacity)
);

CREATE TABLE hack_challenges (
    id @ID@,
    hackathon_id BIGINT NOT NULL REFERENCES hackathons(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    brief_md TEXT NOT NULL DEFAULT '',
    brief_html TEXT NOT NULL DEFAULT '',
    theme_words TEXT NOT NULL DEFAULT ''
);
CREATE INDEX hack_challenges_hackathon ON hack_challenges(hackathon_id, position);

-- "What has been tested before": activities and test ideas a coordinator
-- chose for the challenge, shown with their results.
CREATE TABLE hack_challenge_links (
    challenge_id BIGINT NOT NULL REFERENCES hack_challenges(id) ON DELETE CASCADE,
    activity_id BIGINT REFERENCES activities(id) ON DELETE CASCADE,
    idea_id BIGINT REFERENCES ideas(id) ON DELETE CASCADE,
    CHECK ((activity_id IS NULL) <> (idea_id IS NULL))
);
CREATE INDEX hack_challenge_links_challenge ON hack_challenge_links(challenge_id);

CREATE TABLE hack_criteria (
    id @ID@,
    hackathon_id BIGINT NOT NULL REFERENCES hackathons(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight BIGINT NOT NULL CHECK (weight >= 0)
);
CREATE INDEX hack_criteria_hackathon ON hack_criteria(hackathon_id, position);

-- One registration per e-mail address and hackathon.  Status: bekraftas
-- (waiting for the e-mail's confirmation), anmald (has a place),
-- vantelista (confirmed, no place was left), aterkallad.
CREATE TABLE hack_registrations (
    id @ID@,
    hackathon_id BIGINT NOT NULL REFERENCES hackathons(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    birth_year BIGINT,
    guardian TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('invanare', 'ungdom', 'forening')),
    skills TEXT NOT NULL DEFAULT '',
    all_days BIGINT NOT NULL DEFAULT 0,
    needs TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('bekraftas', 'anmald', 'vantelista', 'aterkallad')),
    token_hash TEXT,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    UNIQUE (hackathon_id, email)
);
CREATE INDEX hack_registrations_user ON hack_registrations(user_id);

CREATE TABLE hack_reg_prefs (
    registration_id BIGINT NOT NULL REFERENCES hack_registrations(id) ON DELETE CASCADE,
    challenge_id BIGINT NOT NULL REFERENCES hack_challenges(id) ON DELETE CASCADE,
    rank BIGINT NOT NULL,
    PRIMARY KEY (registration_id, rank),
    UNIQUE (registration_id, challenge_id)
);

CREATE TABLE hack_teams (
    id @ID@,
    hackathon_id BIGINT NOT NULL REFERENCES hackathons(id) ON DELETE CASCADE,
    challenge_id BIGINT NOT NULL REFERENCES hack_challenges(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    coach_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    members BIGINT NOT NULL DEFAULT 0 CHECK (members >= 0),
    created_at BIGINT NOT NULL,
    UNIQUE (hackathon_id, name)
);

-- One team per person and hackathon: the primary key.  The team's size is
-- kept in hack_teams.members and raised only WHERE members < team_max.
CREATE TABLE hack_team_members (
    hackathon_id BIGINT NOT NULL REFERENCES hackathons(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES hack_teams(id) ON DELETE CASCADE,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (hackathon_id, user_id)
);
CREATE INDEX hack_team_members_team ON hack_team_members(team_id);

CREATE TABLE hack_submissions (
    id @ID@,
    team_id BIGINT NOT NULL UNIQUE REFERENCES hack_teams(id) ON DELETE CASCADE,
    problem TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    solution TEXT NOT NULL DEFAULT '',
    prototype TEXT NOT NULL DEFAULT '',
    links TEXT NOT NULL DEFAULT '',
    test_first TEXT NOT NULL DEFAULT '',
    place BIGINT,
    idea_id BIGINT REFERENCES ideas(id) ON DELETE SET NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Files of a prototype: PDF, JPEG or PNG, checked by their first bytes
-- (domain/claim.h receipt_type), at most 5 MB each and ten per submission.
CREATE TABLE hack_files (
    id @ID@,
    submission_id BIGINT NOT NULL REFERENCES hack_submissions(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size BIGINT NOT NULL,
    data @BLOB@ NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX hack_files_submission ON hack_files(submission_id, id);

CREATE TABLE hack_jury (
    hackathon_id BIGINT NOT NULL REFERENCES hackathons(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (hackathon_id, user_id)
);

-- One score per member, submission and criterion; a change is an update
-- (audited as bedomning.andra).
CREATE TABLE hack_scores (
    submission_id BIGINT NOT NULL REFERENCES hack_submissions(id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    criterion_id BIGINT NOT NULL REFERENCES hack_criteria(id) ON DELETE CASCADE,
    score BIGINT NOT NULL CHECK (score >= 0 AND score <= 4),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (submission_id, member_id, criterion_id)
);
CREATE INDEX hack_scores_member ON hack_scores(member_id);
CREATE INDEX hack_scores_criterion ON hack_scores(criterion_id);

-- The member's comment to the team, one per member and submission.
CREATE TABLE hack_comments (
    submission_id BIGINT NOT NULL REFERENCES hack_submissions(id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    PRIMARY KEY (submission_id, member_id)
);
