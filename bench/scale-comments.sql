-- bench/scale-comments.sql — bench/run --scale: 1 000 000 comments spread
-- evenly over the published posts (the demo has 5, so 200 000 each), dated a
-- minute apart after each post's publication.  Comment k has status
--   k % 20 = 0        'vantar'  (waiting for moderation: 5 %)
--   k % 50 = 1        'avvisad' (rejected: 2 %)
--   otherwise         'godkand' (approved: 93 %)
-- Approved and rejected ones were moderated by the first kommunikator an hour
-- later.  posts.comment_count is recomputed from the approved rows at the end,
-- and so is every counter the application keeps of comments.  No BEGIN/COMMIT:
-- bench/run wraps all the generators in one transaction.

PRAGMA cache_size = -262144;

CREATE TEMP TABLE scale_posts AS
SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id, COALESCE(published_at, created_at) AS t0
FROM posts WHERE status = 'publicerad';

CREATE TEMP TABLE scale_text(kind TEXT, n INTEGER, t TEXT, PRIMARY KEY (kind, n));
INSERT INTO scale_text
SELECT 'name', key, value FROM json_each('["Åsa Lindström","Göran Öberg","Märta Ekström","Björn Åkesson","Leila Haddad","Per-Åke Jönsson","Nour Al-Hassan","Ingrid Sjöström","Amir Rostami","Elin Västerås","Håkan Örtegren","Fatuma Warsame","Sture Ålund","Maja Lindén","Örjan Pettersson","Zeynep Kaya","Gunnel Åberg"]')
UNION ALL
SELECT 'body', key, value FROM json_each('["Tack för en bra sammanfattning! Jag känner igen mig i det ni skriver om att ungdomarna vill bli tillfrågade tidigt.","Hur anmäler man intresse för utvecklingsgruppen? Finns det en kontaktperson?","Bra att fikapengarna räknas som en egen kategori. Det är ofta det som avgör om folk kommer.","Vi i föreningen vill gärna vara med nästa gång. Kan ni skicka kallelsen till vår adress också?","Jag är 16 och var med och planerade festen. Det bästa var att vi fick bestämma själva. Gör mer sånt!","Står det någonstans hur mycket pengar som finns kvar i budgeten?","Glöm inte de äldre syskonen! Många tonåringar tar hand om småsyskon på loven.","Kan ni också lägga ut kallelsen på Instagram? Där finns de flesta ungdomar jag känner."]');

WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 999999)
INSERT INTO comments(post_id, name, email, body, status, client_hash, user_id, created_at,
                     moderated_by, moderated_at)
SELECT p.id,
       (SELECT t FROM scale_text WHERE kind = 'name' AND n = k % 17),
       'kommentar' || k || '@exempel.invalid',
       (SELECT t FROM scale_text WHERE kind = 'body' AND n = k % 8) || ' (' || k || ')',
       CASE WHEN k % 20 = 0 THEN 'vantar' WHEN k % 50 = 1 THEN 'avvisad' ELSE 'godkand' END,
       'bench', NULL,
       p.t0 + 60 * (k / (SELECT COUNT(*) FROM scale_posts)) + 60,
       CASE WHEN k % 20 = 0 THEN NULL
            ELSE (SELECT user_id FROM user_roles WHERE role = 'kommunikator' ORDER BY user_id LIMIT 1) END,
       CASE WHEN k % 20 = 0 THEN NULL
            ELSE p.t0 + 60 * (k / (SELECT COUNT(*) FROM scale_posts)) + 3660 END
FROM n JOIN scale_posts p ON p.n = k % (SELECT COUNT(*) FROM scale_posts);

UPDATE posts SET comment_count =
    (SELECT COUNT(*) FROM comments c WHERE c.post_id = posts.id AND c.status = 'godkand');
