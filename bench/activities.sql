-- bench/activities.sql — adds 10 000 activities to a database (bench/stats):
-- each with two or three organisations from the directory (so sectors mix),
-- a start day spread over 2021–2024, and a count of young people on every
-- third (16–17 style ranges).  Run inside one transaction.
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 10000)
INSERT INTO activities(title, status, start_date, end_date, youth_min, youth_max, created_at, updated_at)
SELECT 'Bänkaktivitet ' || k,
       CASE k % 4 WHEN 0 THEN 'planerad' WHEN 1 THEN 'pagar' WHEN 2 THEN 'genomford' ELSE 'installd' END,
       date('2021-01-01', '+' || (k % 1400) || ' days'), '',
       CASE WHEN k % 3 = 0 THEN 5 + k % 20 ELSE NULL END,
       CASE WHEN k % 3 = 0 THEN 6 + k % 20 ELSE NULL END, 0, 0
FROM n;
CREATE TEMP TABLE bench_orgs2 AS SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id, name FROM organisations;
INSERT INTO activity_orgs(activity_id, org_id, name)
SELECT a.id, o.id, o.name FROM activities a
JOIN bench_orgs2 o ON o.n IN (a.id % (SELECT COUNT(*) FROM bench_orgs2), (a.id * 7 + 3) % (SELECT COUNT(*) FROM bench_orgs2))
WHERE a.title LIKE 'Bänkaktivitet %';
