-- Public events (issue 9): events by one or more organisers, a recurrence
-- rule expanded into occurrences, series, registrations without an account,
-- a waiting list with offers, attendance and retention.
--
-- Local times are stored as they are said: a day ('YYYY-MM-DD') and a time
-- ('HH:MM') in Europe/Stockholm, so a Thursday 12.00 stays 12.00 across the
-- change to summer time; starts_at/ends_at (Unix seconds) are derived from
-- them for ordering and for the sweep.

CREATE TABLE event_series (
    id @ID@,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE events (
    id @ID@,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    place_name TEXT NOT NULL DEFAULT '',
    place_address TEXT NOT NULL DEFAULT '',
    room TEXT NOT NULL DEFAULT '',
    step_free BIGINT NOT NULL DEFAULT 0,
    hearing_loop BIGINT NOT NULL DEFAULT 0,
    quiet_room BIGINT NOT NULL DEFAULT 0,
    online_url TEXT NOT NULL DEFAULT '',
    online_registered_only BIGINT NOT NULL DEFAULT 1,
    print_text TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'oppet'
        CHECK (status IN ('planerat', 'oppet', 'fullt', 'installt', 'genomfort')),
    published BIGINT NOT NULL DEFAULT 0,
    series_id BIGINT REFERENCES event_series(id) ON DELETE SET NULL,
    start_day TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    -- the recurrence rule (rule_freq 'ingen': a one-off event)
    rule_freq TEXT NOT NULL DEFAULT 'ingen' CHECK (rule_freq IN ('ingen', 'veckovis', 'manadsvis')),
    rule_interval BIGINT NOT NULL DEFAULT 1 CHECK (rule_interval BETWEEN 1 AND 52),
    rule_weekdays BIGINT NOT NULL DEFAULT 0,
    rule_nth BIGINT NOT NULL DEFAULT 0,
    rule_until TEXT NOT NULL DEFAULT '',
    rule_count BIGINT NOT NULL DEFAULT 0,
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 0 AND 100000),
    held BIGINT NOT NULL DEFAULT 0 CHECK (held >= 0),
    offer_hours BIGINT NOT NULL DEFAULT 48 CHECK (offer_hours BETWEEN 1 AND 720),
    retention_days BIGINT NOT NULL DEFAULT 30 CHECK (retention_days BETWEEN 0 AND 3650),
    youth BIGINT NOT NULL DEFAULT 0,
    drop_in BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX events_series ON events(series_id);

CREATE TABLE event_organisers (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, org_id)
);
CREATE INDEX event_organisers_org ON event_organisers(org_id);

-- One occurrence of an event.  The counters are kept in the same
-- transaction as every registration change, and the CHECK says again what
-- the conditional updates guarantee: never more places taken than there are.
CREATE TABLE event_occurrences (
    id @ID@,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    rule_day TEXT NOT NULL,          -- the day the rule gave (RECURRENCE-ID)
    day TEXT NOT NULL,               -- the day it takes place (moved: differs)
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planerad' CHECK (status IN ('planerad', 'installd')),
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 0 AND 100000),
    held BIGINT NOT NULL DEFAULT 0,
    confirmed BIGINT NOT NULL DEFAULT 0,
    offered BIGINT NOT NULL DEFAULT 0,
    waiting BIGINT NOT NULL DEFAULT 0,
    attended BIGINT,                 -- a count for drop-in events, or ticked
    erased BIGINT NOT NULL DEFAULT 0,
    CHECK (confirmed >= 0 AND offered >= 0 AND waiting >= 0 AND held >= 0),
    CHECK (confirmed + offered + held <= capacity),
    UNIQUE (event_id, rule_day)
);
CREATE INDEX event_occurrences_start ON event_occurrences(starts_at);
CREATE INDEX event_occurrences_event ON event_occurrences(event_id, starts_at);

-- A registration: unconfirmed until the person follows the e-mail's link,
-- then confirmed, or on the waiting list; an offer waits for acceptance
-- until offer_until.  Only hashes of the links' tokens are stored.
CREATE TABLE event_registrations (
    id @ID@,
    occurrence_id BIGINT NOT NULL REFERENCES event_occurrences(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    email_fold TEXT NOT NULL,
    needs TEXT NOT NULL DEFAULT '',
    birth_year BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('obekraftad', 'bekraftad', 'vantar', 'erbjuden', 'utgangen')),
    token_hash TEXT NOT NULL UNIQUE,
    offer_hash TEXT UNIQUE,
    offer_until BIGINT NOT NULL DEFAULT 0,
    attended BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (occurrence_id, email_fold)
);
CREATE INDEX event_registrations_queue ON event_registrations(occurrence_id, status, id);
CREATE INDEX event_registrations_offer ON event_registrations(status, offer_until);

-- Erasing an account erases the person's registrations and gives their
-- places back in the same statement (the sweep then offers them to those
-- who wait), so neither a name nor a lost place outlives the account.
-- @sqlite
CREATE TRIGGER users_erase_event_registrations BEFORE DELETE ON users
BEGIN
    UPDATE event_occurrences SET
        confirmed = confirmed - (SELECT COUNT(*) FROM event_registrations r WHERE r.occurrence_id = event_occurrences.id AND r.user_id = OLD.id AND r.status = 'bekraftad'),
        offered = offered - (SELECT COUNT(*) FROM event_registrations r WHERE r.occurrence_id = event_occurrences.id AND r.user_id = OLD.id AND r.status = 'erbjuden'),
        waiting = waiting - (SELECT COUNT(*) FROM event_registrations r WHERE r.occurrence_id = event_occurrences.id AND r.user_id = OLD.id AND r.status = 'vantar')
    WHERE id IN (SELECT occurrence_id FROM event_registrations WHERE user_id = OLD.id);
    DELETE FROM event_registrations WHERE user_id = OLD.id;
END;
-- @end
-- @pg
CREATE FUNCTION users_erase_event_registrations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE event_occurrences SET
        confirmed = confirmed - (SELECT COUNT(*) FROM event_registrations r WHERE r.occurrence_id = event_occurrences.id AND r.user_id = OLD.id AND r.status = 'bekraftad'),
        offered = offered - (SELECT COUNT(*) FROM event_registrations r WHERE r.occurrence_id = event_occurrences.id AND r.user_id = OLD.id AND r.status = 'erbjuden'),
        waiting = waiting - (SELECT COUNT(*) FROM event_registrations r WHERE r.occurrence_id = event_occurrences.id AND r.user_id = OLD.id AND r.status = 'vantar')
    WHERE id IN (SELECT occurrence_id FROM event_registrations WHERE user_id = OLD.id);
    DELETE FROM event_registrations WHERE user_id = OLD.id;
    RETURN OLD;
END;
$$;
CREATE TRIGGER users_erase_event_registrations BEFORE DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION users_erase_event_registrations();
-- @end
