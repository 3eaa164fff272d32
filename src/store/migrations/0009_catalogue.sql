-- The catalogue of offerings (issue 10): what organisations and the city's
-- departments offer — who it is for, where, when, in which languages, at
-- what cost, how to get in touch — and Helsam's kartläggning: a mapping
-- request to member organisations, each answered by filling in offerings.

-- Who an offering is for: a small taxonomy coordinators can extend.
CREATE TABLE target_groups (
    id @ID@,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
INSERT INTO target_groups(slug, name, position) VALUES
    ('barn-och-unga', 'Barn och unga', 1),
    ('anhoriga', 'Anhöriga', 2),
    ('nyanlanda', 'Nyanlända', 3),
    ('ensamhet', 'Ensamhet', 4),
    ('psykisk-ohalsa', 'Psykisk ohälsa', 5),
    ('missbruk', 'Missbruk', 6),
    ('arbetsloshet', 'Arbetslöshet', 7),
    ('aldre', 'Äldre', 8),
    ('brottsutsatta', 'Brottsutsatta', 9),
    ('hbtqi', 'HBTQI-personer', 10);

CREATE TABLE offerings (
    id @ID@,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    age_min BIGINT,
    age_max BIGINT,
    cost TEXT NOT NULL CHECK (cost IN ('gratis', 'avgift')),
    cost_note TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    area TEXT NOT NULL DEFAULT '',
    online BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('utkast', 'publicerad')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (age_min IS NULL OR age_min >= 0),
    CHECK (age_min IS NULL OR age_max IS NULL OR age_max >= age_min)
);
CREATE INDEX offerings_org ON offerings(org_id, status, id);
CREATE INDEX offerings_status ON offerings(status, id);

CREATE TABLE offering_groups (
    offering_id BIGINT NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES target_groups(id) ON DELETE CASCADE,
    PRIMARY KEY (offering_id, group_id)
);
CREATE INDEX offering_groups_group ON offering_groups(group_id, offering_id);

CREATE TABLE offering_places (
    id @ID@,
    offering_id BIGINT NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX offering_places_offering ON offering_places(offering_id, position);

-- Opening hours or recurring times: weekday 1 = Monday … 7 = Sunday.
CREATE TABLE offering_hours (
    id @ID@,
    offering_id BIGINT NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens TEXT NOT NULL,
    closes TEXT NOT NULL,
    CHECK (closes > opens)
);
CREATE INDEX offering_hours_offering ON offering_hours(offering_id, weekday, opens);

-- Kartläggning: a request from an umbrella (or a coordinator) to member
-- organisations; each recipient answers by filling in its offerings,
-- signed in as a representative or through a one-time link (only the
-- link's hash is kept).
CREATE TABLE mapping_requests (
    id @ID@,
    org_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE TABLE mapping_recipients (
    id @ID@,
    request_id BIGINT NOT NULL REFERENCES mapping_requests(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    answered_at BIGINT,
    reminded_at BIGINT,
    reminders BIGINT NOT NULL DEFAULT 0,
    UNIQUE (request_id, org_id)
);
