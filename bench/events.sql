-- bench/events.sql — 10 000 events (ids from 100 001), 3 weekly occurrences each
-- (30 000) and 100 000 confirmed registrations spread over them, the stored
-- confirmed counts recomputed.  No BEGIN/COMMIT: the caller wraps it in one
-- transaction (bench/events, and bench/run --scale with the other generators).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO events(id, title, description, theme, place_name, place_address, status, published, start_day, start_time,
                   end_time, rule_freq, rule_interval, rule_weekdays, rule_count, capacity, created_at, updated_at)
SELECT 100000 + i, 'Träff nummer ' || i, 'En träff i stadsdelen, med fika.', 'Tema ' || (i % 20), 'Plats ' || (i % 50),
       'Gatan ' || (i % 90), 'oppet', 1, date('now', '+' || (i % 365) || ' days'), '12:00', '13:00', 'veckovis', 1,
       8, 3, 100, strftime('%s', 'now'), strftime('%s', 'now') FROM n;
WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 2)
INSERT INTO event_occurrences(event_id, rule_day, day, start_time, end_time, starts_at, ends_at, capacity)
SELECT e.id, date(e.start_day, '+' || (7 * k.j) || ' days'), date(e.start_day, '+' || (7 * k.j) || ' days'), '12:00',
       '13:00', CAST(strftime('%s', date(e.start_day, '+' || (7 * k.j) || ' days') || ' 11:00:00') AS INTEGER),
       CAST(strftime('%s', date(e.start_day, '+' || (7 * k.j) || ' days') || ' 12:00:00') AS INTEGER), 100
FROM events e, k WHERE e.id >= 100000;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000),
     o AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM event_occurrences WHERE event_id >= 100000)
INSERT INTO event_registrations(occurrence_id, name, email, email_fold, status, token_hash, created_at, updated_at)
SELECT o.id, 'Person ' || n.i, 'p' || n.i || '@exempel.invalid', 'p' || n.i || '@exempel.invalid', 'bekraftad',
       lower(hex(randomblob(32))), 0, 0 FROM n JOIN o ON o.rn = 1 + (n.i % 30000);
UPDATE event_occurrences SET confirmed = (SELECT COUNT(*) FROM event_registrations r WHERE r.occurrence_id = event_occurrences.id)
WHERE event_id >= 100000;
