-- Every status and kind column accepts only the names the code knows
-- (src/domain/*.c name tables): a misspelt literal or a corrupted row is
-- refused when written, and readers refuse an unknown name as our bug.
--
-- PostgreSQL: CHECK constraints (ADD CONSTRAINT validates the existing
-- rows, so the migration fails rather than keep a row it cannot read).
-- SQLite cannot add a CHECK to an existing table without rebuilding it
-- (and every table that references it): triggers refuse the same inserts
-- and updates with RAISE(ABORT) (a constraint error, DB_CONSTRAINT), and a
-- temporary table with the CHECK validates the rows already there.

-- @pg
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_known CHECK (role IN ('ungdom', 'foreningsrepresentant', 'koordinator', 'kommunikator', 'invanarreporter', 'klarspraksgranskare', 'coach', 'jurymedlem', 'administrator'));
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_known CHECK (kind IN ('forening', 'paraply', 'forvaltning', 'foretag', 'annan'));
ALTER TABLE organisations ADD CONSTRAINT organisations_sector_known CHECK (sector IN ('ideell', 'offentlig', 'privat'));
ALTER TABLE posts ADD CONSTRAINT posts_status_known CHECK (status IN ('utkast', 'publicerad'));
ALTER TABLE comments ADD CONSTRAINT comments_status_known CHECK (status IN ('vantar', 'godkand', 'avvisad'));
ALTER TABLE projects ADD CONSTRAINT projects_status_known CHECK (status IN ('planerat', 'oppet', 'pagar', 'avslutat'));
ALTER TABLE ideas ADD CONSTRAINT ideas_status_known CHECK (status IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad'));
ALTER TABLE idea_counts ADD CONSTRAINT idea_counts_status_known CHECK (status IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad'));
ALTER TABLE idea_events ADD CONSTRAINT idea_events_from_status_known CHECK (from_status IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad'));
ALTER TABLE idea_events ADD CONSTRAINT idea_events_to_status_known CHECK (to_status IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad'));
ALTER TABLE claims ADD CONSTRAINT claims_status_known CHECK (status IN ('inskickad', 'godkand', 'utbetald', 'avslagen'));
ALTER TABLE activities ADD CONSTRAINT activities_status_known CHECK (status IN ('planerad', 'pagar', 'genomford', 'installd'));
ALTER TABLE meetings ADD CONSTRAINT meetings_status_known CHECK (status IN ('planerat', 'genomfort', 'protokoll_publicerat'));
ALTER TABLE agenda_items ADD CONSTRAINT agenda_items_section_known CHECK (section IN ('punkt', 'ovrigt'));
ALTER TABLE action_items ADD CONSTRAINT action_items_status_known CHECK (status IN ('oppen', 'klar'));
ALTER TABLE topic_suggestions ADD CONSTRAINT topic_suggestions_status_known CHECK (status IN ('vantar', 'godkand', 'avvisad'));
-- @end

-- @sqlite
CREATE TEMP TABLE check_user_roles_role_known (v TEXT NOT NULL CHECK (v IN ('ungdom', 'foreningsrepresentant', 'koordinator', 'kommunikator', 'invanarreporter', 'klarspraksgranskare', 'coach', 'jurymedlem', 'administrator')));
INSERT INTO check_user_roles_role_known SELECT role FROM user_roles;
DROP TABLE check_user_roles_role_known;
CREATE TRIGGER user_roles_role_known_ins BEFORE INSERT ON user_roles
WHEN NEW.role NOT IN ('ungdom', 'foreningsrepresentant', 'koordinator', 'kommunikator', 'invanarreporter', 'klarspraksgranskare', 'coach', 'jurymedlem', 'administrator')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: user_roles.role'); END;
CREATE TRIGGER user_roles_role_known_upd BEFORE UPDATE OF role ON user_roles
WHEN NEW.role NOT IN ('ungdom', 'foreningsrepresentant', 'koordinator', 'kommunikator', 'invanarreporter', 'klarspraksgranskare', 'coach', 'jurymedlem', 'administrator')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: user_roles.role'); END;
CREATE TEMP TABLE check_organisations_kind_known (v TEXT NOT NULL CHECK (v IN ('forening', 'paraply', 'forvaltning', 'foretag', 'annan')));
INSERT INTO check_organisations_kind_known SELECT kind FROM organisations;
DROP TABLE check_organisations_kind_known;
CREATE TRIGGER organisations_kind_known_ins BEFORE INSERT ON organisations
WHEN NEW.kind NOT IN ('forening', 'paraply', 'forvaltning', 'foretag', 'annan')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: organisations.kind'); END;
CREATE TRIGGER organisations_kind_known_upd BEFORE UPDATE OF kind ON organisations
WHEN NEW.kind NOT IN ('forening', 'paraply', 'forvaltning', 'foretag', 'annan')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: organisations.kind'); END;
CREATE TEMP TABLE check_organisations_sector_known (v TEXT NOT NULL CHECK (v IN ('ideell', 'offentlig', 'privat')));
INSERT INTO check_organisations_sector_known SELECT sector FROM organisations;
DROP TABLE check_organisations_sector_known;
CREATE TRIGGER organisations_sector_known_ins BEFORE INSERT ON organisations
WHEN NEW.sector NOT IN ('ideell', 'offentlig', 'privat')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: organisations.sector'); END;
CREATE TRIGGER organisations_sector_known_upd BEFORE UPDATE OF sector ON organisations
WHEN NEW.sector NOT IN ('ideell', 'offentlig', 'privat')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: organisations.sector'); END;
CREATE TEMP TABLE check_posts_status_known (v TEXT NOT NULL CHECK (v IN ('utkast', 'publicerad')));
INSERT INTO check_posts_status_known SELECT status FROM posts;
DROP TABLE check_posts_status_known;
CREATE TRIGGER posts_status_known_ins BEFORE INSERT ON posts
WHEN NEW.status NOT IN ('utkast', 'publicerad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: posts.status'); END;
CREATE TRIGGER posts_status_known_upd BEFORE UPDATE OF status ON posts
WHEN NEW.status NOT IN ('utkast', 'publicerad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: posts.status'); END;
CREATE TEMP TABLE check_comments_status_known (v TEXT NOT NULL CHECK (v IN ('vantar', 'godkand', 'avvisad')));
INSERT INTO check_comments_status_known SELECT status FROM comments;
DROP TABLE check_comments_status_known;
CREATE TRIGGER comments_status_known_ins BEFORE INSERT ON comments
WHEN NEW.status NOT IN ('vantar', 'godkand', 'avvisad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: comments.status'); END;
CREATE TRIGGER comments_status_known_upd BEFORE UPDATE OF status ON comments
WHEN NEW.status NOT IN ('vantar', 'godkand', 'avvisad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: comments.status'); END;
CREATE TEMP TABLE check_projects_status_known (v TEXT NOT NULL CHECK (v IN ('planerat', 'oppet', 'pagar', 'avslutat')));
INSERT INTO check_projects_status_known SELECT status FROM projects;
DROP TABLE check_projects_status_known;
CREATE TRIGGER projects_status_known_ins BEFORE INSERT ON projects
WHEN NEW.status NOT IN ('planerat', 'oppet', 'pagar', 'avslutat')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: projects.status'); END;
CREATE TRIGGER projects_status_known_upd BEFORE UPDATE OF status ON projects
WHEN NEW.status NOT IN ('planerat', 'oppet', 'pagar', 'avslutat')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: projects.status'); END;
CREATE TEMP TABLE check_ideas_status_known (v TEXT NOT NULL CHECK (v IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')));
INSERT INTO check_ideas_status_known SELECT status FROM ideas;
DROP TABLE check_ideas_status_known;
CREATE TRIGGER ideas_status_known_ins BEFORE INSERT ON ideas
WHEN NEW.status NOT IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ideas.status'); END;
CREATE TRIGGER ideas_status_known_upd BEFORE UPDATE OF status ON ideas
WHEN NEW.status NOT IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ideas.status'); END;
CREATE TEMP TABLE check_idea_counts_status_known (v TEXT NOT NULL CHECK (v IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')));
INSERT INTO check_idea_counts_status_known SELECT status FROM idea_counts;
DROP TABLE check_idea_counts_status_known;
CREATE TRIGGER idea_counts_status_known_ins BEFORE INSERT ON idea_counts
WHEN NEW.status NOT IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: idea_counts.status'); END;
CREATE TRIGGER idea_counts_status_known_upd BEFORE UPDATE OF status ON idea_counts
WHEN NEW.status NOT IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: idea_counts.status'); END;
CREATE TEMP TABLE check_idea_events_from_status_known (v TEXT NOT NULL CHECK (v IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')));
INSERT INTO check_idea_events_from_status_known SELECT from_status FROM idea_events;
DROP TABLE check_idea_events_from_status_known;
CREATE TRIGGER idea_events_from_status_known_ins BEFORE INSERT ON idea_events
WHEN NEW.from_status NOT IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: idea_events.from_status'); END;
CREATE TRIGGER idea_events_from_status_known_upd BEFORE UPDATE OF from_status ON idea_events
WHEN NEW.from_status NOT IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: idea_events.from_status'); END;
CREATE TEMP TABLE check_idea_events_to_status_known (v TEXT NOT NULL CHECK (v IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')));
INSERT INTO check_idea_events_to_status_known SELECT to_status FROM idea_events;
DROP TABLE check_idea_events_to_status_known;
CREATE TRIGGER idea_events_to_status_known_ins BEFORE INSERT ON idea_events
WHEN NEW.to_status NOT IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: idea_events.to_status'); END;
CREATE TRIGGER idea_events_to_status_known_upd BEFORE UPDATE OF to_status ON idea_events
WHEN NEW.to_status NOT IN ('utkast', 'inskickad', 'under_bedomning', 'beviljad', 'behover_andras', 'avslagen', 'pagar', 'genomford', 'rapporterad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: idea_events.to_status'); END;
CREATE TEMP TABLE check_claims_status_known (v TEXT NOT NULL CHECK (v IN ('inskickad', 'godkand', 'utbetald', 'avslagen')));
INSERT INTO check_claims_status_known SELECT status FROM claims;
DROP TABLE check_claims_status_known;
CREATE TRIGGER claims_status_known_ins BEFORE INSERT ON claims
WHEN NEW.status NOT IN ('inskickad', 'godkand', 'utbetald', 'avslagen')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: claims.status'); END;
CREATE TRIGGER claims_status_known_upd BEFORE UPDATE OF status ON claims
WHEN NEW.status NOT IN ('inskickad', 'godkand', 'utbetald', 'avslagen')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: claims.status'); END;
CREATE TEMP TABLE check_activities_status_known (v TEXT NOT NULL CHECK (v IN ('planerad', 'pagar', 'genomford', 'installd')));
INSERT INTO check_activities_status_known SELECT status FROM activities;
DROP TABLE check_activities_status_known;
CREATE TRIGGER activities_status_known_ins BEFORE INSERT ON activities
WHEN NEW.status NOT IN ('planerad', 'pagar', 'genomford', 'installd')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: activities.status'); END;
CREATE TRIGGER activities_status_known_upd BEFORE UPDATE OF status ON activities
WHEN NEW.status NOT IN ('planerad', 'pagar', 'genomford', 'installd')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: activities.status'); END;
CREATE TEMP TABLE check_meetings_status_known (v TEXT NOT NULL CHECK (v IN ('planerat', 'genomfort', 'protokoll_publicerat')));
INSERT INTO check_meetings_status_known SELECT status FROM meetings;
DROP TABLE check_meetings_status_known;
CREATE TRIGGER meetings_status_known_ins BEFORE INSERT ON meetings
WHEN NEW.status NOT IN ('planerat', 'genomfort', 'protokoll_publicerat')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: meetings.status'); END;
CREATE TRIGGER meetings_status_known_upd BEFORE UPDATE OF status ON meetings
WHEN NEW.status NOT IN ('planerat', 'genomfort', 'protokoll_publicerat')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: meetings.status'); END;
CREATE TEMP TABLE check_agenda_items_section_known (v TEXT NOT NULL CHECK (v IN ('punkt', 'ovrigt')));
INSERT INTO check_agenda_items_section_known SELECT section FROM agenda_items;
DROP TABLE check_agenda_items_section_known;
CREATE TRIGGER agenda_items_section_known_ins BEFORE INSERT ON agenda_items
WHEN NEW.section NOT IN ('punkt', 'ovrigt')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: agenda_items.section'); END;
CREATE TRIGGER agenda_items_section_known_upd BEFORE UPDATE OF section ON agenda_items
WHEN NEW.section NOT IN ('punkt', 'ovrigt')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: agenda_items.section'); END;
CREATE TEMP TABLE check_action_items_status_known (v TEXT NOT NULL CHECK (v IN ('oppen', 'klar')));
INSERT INTO check_action_items_status_known SELECT status FROM action_items;
DROP TABLE check_action_items_status_known;
CREATE TRIGGER action_items_status_known_ins BEFORE INSERT ON action_items
WHEN NEW.status NOT IN ('oppen', 'klar')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: action_items.status'); END;
CREATE TRIGGER action_items_status_known_upd BEFORE UPDATE OF status ON action_items
WHEN NEW.status NOT IN ('oppen', 'klar')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: action_items.status'); END;
CREATE TEMP TABLE check_topic_suggestions_status_known (v TEXT NOT NULL CHECK (v IN ('vantar', 'godkand', 'avvisad')));
INSERT INTO check_topic_suggestions_status_known SELECT status FROM topic_suggestions;
DROP TABLE check_topic_suggestions_status_known;
CREATE TRIGGER topic_suggestions_status_known_ins BEFORE INSERT ON topic_suggestions
WHEN NEW.status NOT IN ('vantar', 'godkand', 'avvisad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: topic_suggestions.status'); END;
CREATE TRIGGER topic_suggestions_status_known_upd BEFORE UPDATE OF status ON topic_suggestions
WHEN NEW.status NOT IN ('vantar', 'godkand', 'avvisad')
BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: topic_suggestions.status'); END;
-- @end
