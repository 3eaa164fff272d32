-- Wiring the families together (after issues 9–13): what outlives the
-- erasure of registrations, so the statistics of past periods stay.
--
-- Events: when the sweep erases an occurrence's registrations (its event's
-- retention date has passed) it keeps, in the same transaction, how many
-- young people (13–18 in the occurrence's year, confirmed, ticked present,
-- at an event for young people) were there.  NULL: not erased yet, or
-- erased before this column existed (that figure is lost).
ALTER TABLE event_occurrences ADD COLUMN youth_present BIGINT;

-- The inhabithon: registrations of people without an account are erased
-- retention_days after the hackathon's last day (like events, 30 by
-- default).  guests_erased_at says it has been done (NULL: not yet),
-- guests_erased how many registrations went, youth_kept how many of them
-- were young participants with a place (the statistics' hackathon source).
-- The place counter (registered) is not touched.
ALTER TABLE hackathons ADD COLUMN retention_days BIGINT NOT NULL DEFAULT 30;
ALTER TABLE hackathons ADD COLUMN guests_erased_at BIGINT;
ALTER TABLE hackathons ADD COLUMN guests_erased BIGINT NOT NULL DEFAULT 0;
ALTER TABLE hackathons ADD COLUMN youth_kept BIGINT NOT NULL DEFAULT 0;
