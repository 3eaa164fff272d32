-- A person's event registrations by account and by folded e-mail: the
-- export (/konto/mina-uppgifter, store/export.c) and the erasure of an
-- account look them up by either; without these every request read the
-- whole table (100 000 rows in bench/events), the export's costliest query.
CREATE INDEX event_registrations_user ON event_registrations(user_id);
CREATE INDEX event_registrations_email ON event_registrations(email_fold);
