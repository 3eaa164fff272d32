-- bench/comments.sql — 20 approved comments on the post whose slug is in
-- temp.bench_target (bench/run creates it), dated in the weeks after the
-- post was published, and comment_count kept equal to the approved rows.
-- Run inside one transaction by bench/run.

CREATE TEMP TABLE bench_comments(minutes INTEGER, name TEXT, email TEXT, body TEXT);
INSERT INTO bench_comments VALUES
 (95,    'Åsa Lindström',      'asa.lindstrom@example.org',
  'Tack för en bra sammanfattning! Jag var inte med på mötet men känner igen mig i det ni skriver om att ungdomarna vill bli tillfrågade tidigt, inte när allt redan är bestämt.'),
 (180,   'Göran Öberg',        'goran.oberg@example.org',
  'Som förälder i Drottninghög undrar jag hur man anmäler intresse för utvecklingsgruppen. Finns det en kontaktperson på Fritid Helsingborg?'),
 (410,   'Märta Ekström',      'marta.ekstrom@example.org',
  'Bra att fikapengarna räknas som en egen kategori. Det låter som en småsak, men för oss i föreningen är det ofta det som avgör om folk kommer.'),
 (725,   'Björn Åkesson',      'bjorn.akesson@example.org',
  'Jag håller med om att besöksrummet behöver bli trivsammare. När jag var där med min son i höstas kändes det mer som ett väntrum på en vårdcentral än ett ställe för möten.'),
 (1440,  'Leila Haddad',       'leila.haddad@example.org',
  'Vi i Invasam vill gärna vara med nästa gång. Kan ni skicka kallelsen till föreningens adress också?' || char(10) || char(10) || 'Vänliga hälsningar, Leila'),
 (1530,  'Jönsson, Per-Åke',   'per-ake.jonsson@example.org',
  'Hur går det med uppföljningen? Det står att ungdomarna ska få återkoppling, men inte när. Ett datum skulle göra det lättare att hålla er till det.'),
 (2210,  'Nour Al-Hassan',     'nour.alhassan@example.org',
  'Jag är 16 och var med och planerade julfesten i Kattarp. Det bästa var att vi fick bestämma musiken och maten själva. Gör mer sånt!'),
 (2900,  'Ingrid Sjöström',    'ingrid.sjostrom@example.org',
  'Intressant läsning. Jag saknar dock något om hur ni når de ungdomar som inte redan är aktiva i en förening – det är ju dem det är svårast att få med.'),
 (3100,  'Kristoffer Bågenholm','kristoffer.bagenholm@example.org',
  'Svar till Ingrid: på Söder har vi haft bra erfarenheter av att gå ut där ungdomarna redan är, till exempel vid fotbollsplanen på kvällarna. Det tar tid men fungerar.'),
 (4320,  'Siv Öhrn',           'siv.ohrn@example.org',
  'Glöm inte de äldre syskonen! Många tonåringar tar hand om småsyskon på loven och kan inte delta om det inte finns något för de yngre samtidigt.'),
 (5000,  'Amir Rostami',       'amir.rostami@example.org',
  'Panelsamtalet om hbtqi och identitet var ett av de viktigaste samtal jag varit med om i skolan. Tack ProQvi och alla som ordnade det.'),
 (5760,  'Elin Västerås',      'elin.vasteras@example.org',
  'Står det någonstans hur mycket pengar som finns kvar i budgeten? Det vore bra att veta innan man skickar in en idé.'),
 (7200,  'Kai Lindqvist',      'kai.lindqvist@example.org',
  'Svar till Elin: översikten över budgeten finns på projektets sida under ”Ekonomi”. Den uppdateras när beslut fattas.'),
 (8640,  'Håkan Örtegren',     'hakan.ortegren@example.org',
  'Jag tycker att protokollet borde skrivas på lättare svenska. Meningar som ”samskapande processer för ökad brukardelaktighet” säger inte så mycket till en fjortonåring.'),
 (9100,  'Fatuma Warsame',     'fatuma.warsame@example.org',
  'Vi föräldrar i Omtanke Helsingborg kan hjälpa till med fika och skjuts till aktiviteterna i vår. Hör av er!'),
 (10080, 'Sture Ålund',        'sture.alund@example.org',
  'Bra initiativ. Men glöm inte att tillgänglighet också handlar om lokaler – hissen i Kulturhuset var trasig sist.'),
 (11520, 'Maja Lindén',        'maja.linden@example.org',
  'Jag var med på träffen den 21 februari. Det kändes som att vi faktiskt blev lyssnade på, och det var första gången jag kände så på ett möte med kommunen.' || char(10) || char(10) || 'Hoppas det blir fler!'),
 (12960, 'Örjan Pettersson',   'orjan.pettersson@example.org',
  'Kommer det finnas möjlighet att söka pengar för digitala lösningar, till exempel en app för att boka lokaler? Det står med bland kategorierna men jag hittar inga exempel.'),
 (14400, 'Zeynep Kaya',        'zeynep.kaya@example.org',
  'Tack för att ni skriver datum och tider så tydligt. Kan ni också lägga ut kallelsen på Instagram? Där finns de flesta ungdomar jag känner.'),
 (20160, 'Gunnel Åberg',       'gunnel.aberg@example.org',
  'Jag har följt arbetet sedan starten och ser en tydlig skillnad. Fortsätt så – och glöm inte att berätta vad som hände med förslagen som inte blev av.');

INSERT INTO comments(post_id, name, email, body, status, client_hash, user_id, created_at,
                     moderated_by, moderated_at)
SELECT p.id, c.name, c.email, c.body, 'godkand', 'bench', NULL,
       COALESCE(p.published_at, p.created_at) + c.minutes * 60,
       (SELECT user_id FROM user_roles WHERE role = 'kommunikator' ORDER BY user_id LIMIT 1),
       COALESCE(p.published_at, p.created_at) + c.minutes * 60 + 3600
FROM posts p, bench_comments c
WHERE p.slug = (SELECT slug FROM bench_target)
ORDER BY c.minutes;

UPDATE posts SET comment_count =
    (SELECT COUNT(*) FROM comments c WHERE c.post_id = posts.id AND c.status = 'godkand')
WHERE slug = (SELECT slug FROM bench_target);
