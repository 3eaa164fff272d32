-- Every column that names a person, indexed: the data export
-- (/konto/mina-uppgifter, store/export.c) reads a person's rows from about
-- thirty tables, and erasing an account (store/users.c) updates or deletes
-- them — in SQLite through each foreign key's ON DELETE action, which looks
-- the rows up by that column.  Without these, both read whole tables: the
-- export took 0.35 s on the scale database of 1 000 000 comments (bench/run
-- --scale's), against 0.1 ms on the demo.  Columns that are often NULL
-- (anonymous comments, rows of erased accounts) get partial indexes: a
-- lookup by "= ?" can use them, and the NULLs take no room.
CREATE INDEX user_roles_granted_by ON user_roles(granted_by) WHERE granted_by IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log(actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_subject ON audit_log(subject);
CREATE INDEX posts_author ON posts(author_id) WHERE author_id IS NOT NULL;
CREATE INDEX comments_user ON comments(user_id) WHERE user_id IS NOT NULL;
CREATE INDEX comments_email ON comments(email);
CREATE INDEX comments_moderated_by ON comments(moderated_by) WHERE moderated_by IS NOT NULL;
CREATE INDEX idea_events_actor ON idea_events(actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX assessments_assessor ON assessments(assessor_id);
CREATE INDEX claims_claimant ON claims(claimant_id) WHERE claimant_id IS NOT NULL;
CREATE INDEX claims_decided_by ON claims(decided_by) WHERE decided_by IS NOT NULL;
CREATE INDEX outbox_user ON outbox(user_id) WHERE user_id IS NOT NULL;
CREATE INDEX outbox_to ON outbox(to_email);
CREATE INDEX activity_participants_user ON activity_participants(user_id);
CREATE INDEX topic_suggestions_user ON topic_suggestions(user_id) WHERE user_id IS NOT NULL;
CREATE INDEX topic_suggestions_moderated_by ON topic_suggestions(moderated_by) WHERE moderated_by IS NOT NULL;
CREATE INDEX org_requests_decided_by ON org_requests(decided_by) WHERE decided_by IS NOT NULL;
CREATE INDEX events_created_by ON events(created_by) WHERE created_by IS NOT NULL;
CREATE INDEX mapping_requests_created_by ON mapping_requests(created_by) WHERE created_by IS NOT NULL;
CREATE INDEX review_versions_created_by ON review_versions(created_by) WHERE created_by IS NOT NULL;
CREATE INDEX hack_registrations_email ON hack_registrations(email);
CREATE INDEX hack_teams_coach ON hack_teams(coach_id) WHERE coach_id IS NOT NULL;
CREATE INDEX hack_team_members_user ON hack_team_members(user_id);
CREATE INDEX hack_submissions_updated_by ON hack_submissions(updated_by) WHERE updated_by IS NOT NULL;
CREATE INDEX hack_files_created_by ON hack_files(created_by) WHERE created_by IS NOT NULL;
CREATE INDEX hack_jury_user ON hack_jury(user_id);
CREATE INDEX hack_comments_member ON hack_comments(member_id);
