-- One report, one truth (issue 8, flow faults 3 and 4).
--
-- The report of an approved idea lives on its activity (the first activity
-- made from it: activities.idea_id, lowest id): the idea page, the activity
-- page, the activity list and the meeting agendas all read it there.  An
-- idea that is done (genomford, rapporterad) or has a report gets an
-- activity if it had none; an activity takes its idea's status (pagar,
-- genomford); the report written on the idea moves onto the activity, and
-- ideas.report is no longer read or written (left empty).
--
-- Participants are told about an activity's result once:
-- activity_participants.told_at says when.  Those named on an activity
-- whose feedback was written before this migration count as told.

ALTER TABLE activity_participants ADD COLUMN told_at BIGINT;

UPDATE activity_participants SET told_at = (SELECT x.updated_at FROM activities x WHERE x.id = activity_participants.activity_id)
WHERE activity_id IN (SELECT id FROM activities WHERE feedback <> '');

-- ideas done or reported without an activity: make one from the idea
CREATE TEMP TABLE one_report_new (idea_id BIGINT PRIMARY KEY);
INSERT INTO one_report_new (idea_id)
SELECT i.id FROM ideas i
WHERE (i.report <> '' OR i.status IN ('genomford', 'rapporterad'))
  AND NOT EXISTS (SELECT 1 FROM activities x WHERE x.idea_id = i.id);

INSERT INTO activities (title, idea_id, status, start_date, end_date, report, created_at, updated_at)
SELECT i.title, i.id,
       CASE WHEN i.status IN ('genomford', 'rapporterad') THEN 'genomford'
            WHEN i.status = 'pagar' THEN 'pagar' ELSE 'planerad' END,
       i.period_start, i.period_end, i.report, i.updated_at, i.updated_at
FROM ideas i JOIN one_report_new n ON n.idea_id = i.id ORDER BY i.id;

-- their responsible organisations: the idea's organisation, then its partners
INSERT INTO activity_orgs (activity_id, org_id, name)
SELECT x.id, o.id, o.name FROM one_report_new n
JOIN activities x ON x.idea_id = n.idea_id JOIN ideas i ON i.id = n.idea_id
JOIN organisations o ON o.id = i.org_id ORDER BY x.id;
INSERT INTO activity_orgs (activity_id, org_id, name)
SELECT x.id, p.org_id, p.name FROM one_report_new n
JOIN activities x ON x.idea_id = n.idea_id JOIN idea_partners p ON p.idea_id = n.idea_id ORDER BY x.id, p.id;

-- ideas that had an activity: the idea's report joins the activity's (the
-- idea's first, when both were written and differ; nothing is lost)
UPDATE activities SET report = CASE
    WHEN report = '' THEN (SELECT i.report FROM ideas i WHERE i.id = activities.idea_id)
    ELSE (SELECT i.report FROM ideas i WHERE i.id = activities.idea_id) || '

' || report END
WHERE idea_id IS NOT NULL
  AND idea_id NOT IN (SELECT idea_id FROM one_report_new)
  AND id = (SELECT MIN(y.id) FROM activities y WHERE y.idea_id = activities.idea_id)
  AND EXISTS (SELECT 1 FROM ideas i WHERE i.id = activities.idea_id AND i.report <> '' AND i.report <> activities.report);

-- the activity shows its idea's status
UPDATE activities SET status = 'genomford'
WHERE status IN ('planerad', 'pagar') AND idea_id IN (SELECT id FROM ideas WHERE status IN ('genomford', 'rapporterad'));
UPDATE activities SET status = 'pagar'
WHERE status = 'planerad' AND idea_id IN (SELECT id FROM ideas WHERE status = 'pagar');

UPDATE ideas SET report = '' WHERE report <> '';
DROP TABLE one_report_new;
